"""Importing archive files: counts, derived fields, idempotence and the audit trail."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from archive.importing import import_csv
from archive.models import ArchiveRecord, Camp, ImportBatch, NameSpelling, SpellingKey
from archive.signals import batch_imported
from audit.models import AuditEntry
from audit.trail import entries_for
from tests.import_files import good_rows, row, write

pytestmark = pytest.mark.django_db


def test_it_imports_a_good_file_with_counts_and_derived_fields(tmp_path):
    batch = import_csv(write(tmp_path / "a.csv", good_rows(3)))

    assert batch.state == ImportBatch.State.DONE
    assert (batch.created, batch.updated, batch.unchanged, batch.rejected) == (3, 0, 0, 0)
    assert (batch.rows_total, batch.rows_done) == (3, 3)
    assert len(batch.checksum) == 64
    record = ArchiveRecord.objects.get(source_id="SU-0000")
    assert record.surname_cyr == "Ямашита" and record.given_name_cyr == "Кийоси"
    assert "ヤマシタ" in record.surname_spelling.reading_list
    assert "キヨシ" in record.given_spelling.reading_list
    assert (record.surname_reading, record.given_name_reading) == ("ヤマシタ", "キヨシ")
    assert record.romaji == "Yamashita Kiyoshi"
    assert record.prefecture == "15"  # Niigata
    assert (record.death_year, record.death_month, record.death_day) == (1946, 2, 15)
    assert record.camp.name == "Лагерь № 7" and record.camp.region == "Хабаровский край"
    assert record.burial_site.name == "Кладбище № 3"
    assert record.batch == batch
    assert SpellingKey.objects.filter(spelling=record.surname_spelling).exists()
    assert Camp.objects.count() == 1


def test_it_derives_each_distinct_spelling_once(tmp_path):
    rows = [row(f"R{i}", "Ямашита", "Кийоси") for i in range(5)] + [row("R9", "ЯМАШИТА", "кийоси")]
    import_csv(write(tmp_path / "a.csv", rows))

    assert NameSpelling.objects.filter(script="cyr", text="ямашита").count() == 1
    assert NameSpelling.objects.count() == 2
    assert ArchiveRecord.objects.filter(surname_spelling__text="ямашита").count() == 6


def test_it_changes_nothing_when_the_same_file_is_imported_again(tmp_path):
    path = write(tmp_path / "a.csv", good_rows(4))
    import_csv(path)
    before = list(ArchiveRecord.objects.values_list("id", "imported_at", "batch_id"))

    again = import_csv(path)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert list(ArchiveRecord.objects.values_list("id", "imported_at", "batch_id")) == before
    assert (
        not AuditEntry.objects.exists()
    )  # only a change is audited; a new record's batch says where it came from


def test_it_updates_a_changed_row_and_audits_only_what_changed(tmp_path):
    rows = good_rows(3)
    import_csv(write(tmp_path / "a.csv", rows))
    rows[1]["death_date"] = "1947-03"
    rows[1]["grave_no"] = "112"

    batch = import_csv(write(tmp_path / "b.csv", rows))

    assert (batch.created, batch.updated, batch.unchanged) == (0, 1, 2)
    record = ArchiveRecord.objects.get(source_id="SU-0001")
    assert (record.death_year, record.death_month, record.death_day, record.grave_no) == (
        1947,
        3,
        None,
        "112",
    )
    assert record.batch == batch
    (entry,) = AuditEntry.objects.all()  # the unchanged records get none
    assert entries_for(record).get() == entry
    assert (entry.action, entry.actor, entry.actor_name) == ("changed", None, "")
    assert entry.changes == {
        "death_year": [1946, 1947],
        "death_month": [2, 3],
        "death_day": [15, None],
        "grave_no": ["", "112"],
    }
    assert entry.reason == f"取込 #{batch.pk} b.csv"
    assert entry.object_repr == str(record) == "SU-0001 Сато Кадзуо"
    assert entry.created_at == record.imported_at


def test_it_audits_a_changed_name_with_what_was_derived_from_it_alike_on_every_backend(tmp_path):
    rows = good_rows(2)
    import_csv(write(tmp_path / "a.csv", rows))
    before = ArchiveRecord.objects.get(source_id="SU-0000")
    rows[0].update(surname_cyr="Като", surname_kana="カトウ", birthplace_cyr="Нагано-кен")

    import_csv(write(tmp_path / "b.csv", rows))

    after = ArchiveRecord.objects.get(source_id="SU-0000")
    (entry,) = entries_for(after)
    assert entry.changes == {
        "surname_cyr": ["Ямашита", "Като"],
        "surname_kana": ["", "カトウ"],
        "birthplace_cyr": ["преф. Нийгата", "Нагано-кен"],
        "prefecture": ["15", "20"],
        "surname_spelling_id": [before.surname_spelling_id, after.surname_spelling_id],
        "surname_reading": ["ヤマシタ", after.surname_reading],
        "romaji": ["Yamashita Kiyoshi", after.romaji],
    }
    assert after.surname_reading.startswith("カト") and after.romaji.startswith("Kat")
    assert entry.object_repr == "SU-0000 Като Кийоси"


def test_it_records_who_imported_as_the_actor(tmp_path, django_user_model):
    archivist = django_user_model.objects.create_user("archivist", password="x-long-password-1")
    editor = django_user_model.objects.create_user("editor", password="x-long-password-1")
    rows = good_rows(1)
    batch = import_csv(write(tmp_path / "a.csv", rows), user=archivist)
    rows[0]["grave_no"] = "9"
    import_csv(write(tmp_path / "b.csv", rows), user=editor)

    assert batch.created_by == archivist
    (entry,) = AuditEntry.objects.all()
    assert (entry.actor, entry.actor_name, entry.changes) == (editor, "editor", {"grave_no": ["", "9"]})


def test_it_imports_a_row_with_only_kana_names(tmp_path):
    header = ["source_id", "surname_kana", "given_name_kana", "death_date"]
    path = write(
        tmp_path / "k.csv",
        [{"source_id": "DL-1", "surname_kana": "やました", "given_name_kana": "ｷﾖｼ"}],
        header,
    )

    batch = import_csv(path)

    assert batch.created == 1
    record = ArchiveRecord.objects.get(source_id="DL-1")
    assert record.surname_kana == "やました"
    assert record.surname_spelling.script == "kana" and record.surname_spelling.text == "ヤマシタ"
    assert (record.surname_reading, record.given_name_reading) == ("ヤマシタ", "キヨシ")
    assert record.given_spelling.keys


def test_it_tolerates_a_byte_order_mark(tmp_path):
    path = write(tmp_path / "a.csv", good_rows(2))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    assert import_csv(path).created == 2


def test_it_changes_nothing_on_a_dry_run(tmp_path):
    out = tmp_path / "out.txt"
    with open(out, "w") as stdout:
        call_command(
            "import_archive", str(write(tmp_path / "a.csv", good_rows(3))), "--dry-run", stdout=stdout
        )

    assert "3行は取り込めます" in out.read_text()
    assert not ArchiveRecord.objects.exists() and not NameSpelling.objects.exists()


def test_it_prints_a_summary_and_tells_other_apps(tmp_path, capsys):
    seen = []

    def receiver(sender, batch, **kwargs):
        seen.append(batch.pk)

    batch_imported.connect(receiver)
    try:
        call_command("import_archive", str(write(tmp_path / "a.csv", good_rows(2))))
    finally:
        batch_imported.disconnect(receiver)

    assert "新規 2件、更新 0件、変更なし 0件、不合格 0件" in capsys.readouterr().out
    assert seen == [ImportBatch.objects.get().pk]


def test_it_reports_progress_while_reading_a_long_file(tmp_path, monkeypatch):
    import archive.importing.scan as scan

    monkeypatch.setattr(scan, "PROGRESS_EVERY", 2)  # reports during COPY on PostgreSQL too
    batch = import_csv(write(tmp_path / "a.csv", good_rows(7)))

    assert batch.state == ImportBatch.State.DONE
    assert (batch.rows_total, batch.rows_done, batch.created) == (7, 7, 7)


def test_it_accepts_latin_look_alike_letters_in_cyrillic_names_as_written(tmp_path):
    import_csv(write(tmp_path / "a.csv", [row("L-1", "Ямашитa", "Кийоcи")]))  # Latin a and c

    record = ArchiveRecord.objects.get()
    assert record.surname_cyr == "Ямашитa"  # kept as the document has it
    assert (record.surname_reading, record.given_name_reading) == ("ヤマシタ", "キヨシ")


def test_it_takes_an_initial_typed_with_a_latin_look_alike_as_cyrillic(tmp_path):
    batch = import_csv(write(tmp_path / "a.csv", [row("I-1", "Иноуэ", "C."), row("I-2", "Танака", "K")]))

    assert batch.state == ImportBatch.State.DONE, batch.errors
    first = ArchiveRecord.objects.select_related("given_spelling").get(source_id="I-1")
    assert first.given_name_cyr == "C."  # kept as written
    assert first.given_spelling.text == "с"  # indexed as the Cyrillic initial


def test_it_still_refuses_a_latin_name_in_a_cyrillic_column(tmp_path):
    batch = import_csv(write(tmp_path / "a.csv", [row("R-1", "Taro", "Kiyoshi")]))

    assert batch.state == ImportBatch.State.FAILED
    assert {e["column"] for e in batch.errors} == {"surname_cyr", "given_name_cyr"}
    assert not ArchiveRecord.objects.exists()


def test_it_strips_spaces_around_values_and_reads_them_as_the_same_record(tmp_path):
    path = write(tmp_path / "a.csv", [row(" S-1 ", " Ямашита\u3000", "Кийоси ", birth_year=" 1920")])
    batch = import_csv(path)

    record = ArchiveRecord.objects.get()
    assert (record.source_id, record.surname_cyr, record.birth_year) == ("S-1", "Ямашита", 1920)
    assert record.surname_reading == "ヤマシタ"
    assert (batch.created, import_csv(path).unchanged) == (1, 1)


def test_it_reads_a_year_with_a_leading_zero_as_the_year(tmp_path):
    batch = import_csv(write(tmp_path / "a.csv", [row("Z-1", birth_year="01920"), row("Z-2")]))

    assert (batch.state, batch.created) == (ImportBatch.State.DONE, 2), batch.errors
    assert ArchiveRecord.objects.get(source_id="Z-1").birth_year == 1920


def test_it_imports_a_file_with_blank_lines_and_a_line_break_inside_a_value(tmp_path):
    rows = good_rows(3)
    rows[1]["archive_ref"] = "ф. 1п,\nоп. 1"
    path = write(tmp_path / "a.csv", rows)
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{header}\n\n{rest}\n\n", encoding="utf-8")

    batch = import_csv(path)

    assert (batch.state, batch.created) == (ImportBatch.State.DONE, 3), batch.errors
    assert ArchiveRecord.objects.filter(archive_ref__contains="\n").count() == 1


@pytest.mark.usefixtures("postgres")
@pytest.mark.django_db(transaction=True)  # the bulk load needs a transaction of its own
def test_it_loads_a_big_batch_into_an_empty_archive_and_keeps_every_index(tmp_path, monkeypatch):
    from archive.importing import postgres

    def schema() -> list:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename LIKE 'archive_%%archiverecord' ORDER BY 1"
            )
            indexes = cur.fetchall()
            cur.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid::regclass::text LIKE 'archive_%%archiverecord' ORDER BY 1"
            )
            return indexes + cur.fetchall()

    before = schema()
    monkeypatch.setattr(postgres, "BULK_FROM", 2)
    rebuilt = []
    exit_ = postgres.BulkLoad.__exit__
    monkeypatch.setattr(
        postgres.BulkLoad, "__exit__", lambda self, *a: rebuilt.append(self.restore) or exit_(self, *a)
    )
    rows = good_rows(4)
    assert import_csv(write(tmp_path / "a.csv", rows)).created == 4

    assert len(rebuilt[0]) > 10  # dropped and built again
    assert schema() == before
    rows[0]["grave_no"] = "7"
    rows.append(row("SU-0100"))
    again = import_csv(write(tmp_path / "b.csv", rows))
    assert (again.created, again.updated, again.unchanged) == (1, 1, 3)
    assert schema() == before
    assert entries_for(ArchiveRecord.objects.get(source_id="SU-0000")).count() == 1
