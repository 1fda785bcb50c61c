"""Bad files are refused with the line named, and the archive stays as it was."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command

from archive.importing import import_csv
from archive.models import ArchiveRecord, ImportBatch
from tests.import_files import HEADER, good_rows, row, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive_before(tmp_path):
    """An archive with two records already in it; returns a function that says it is unchanged."""
    import_csv(write(tmp_path / "existing.csv", [row("OLD-1"), row("OLD-2", "Сато", "Кадзуо")]))
    snapshot = list(ArchiveRecord.objects.values_list("source_id", "given_name_cyr", "death_year"))

    def unchanged() -> bool:
        return (
            list(ArchiveRecord.objects.values_list("source_id", "given_name_cyr", "death_year")) == snapshot
        )

    return unchanged


def refused(path, *args) -> str:
    """Run the command; it must fail; return its message and what it printed."""
    with pytest.raises(CommandError) as info:
        call_command("import_archive", str(path), *args)
    return str(info.value)


def messages(batch: ImportBatch) -> list[tuple]:
    return [(e["line"], e["column"], e["value"], e["reason"]) for e in batch.errors]


def test_it_refuses_an_unknown_column_and_names_it(tmp_path, archive_before):
    header = [*HEADER, "brith_year"]
    batch = import_csv(write(tmp_path / "a.csv", good_rows(2), header))

    assert batch.state == ImportBatch.State.FAILED
    [(line, _, value, reason)] = messages(batch)
    assert (line, value) == (1, "brith_year")
    assert "brith_year" in reason and "birth_year" in reason  # names it and suggests the right one
    assert archive_before()


def test_it_refuses_a_file_with_one_bad_birth_year_and_names_the_line(tmp_path, archive_before):
    rows = good_rows(5)
    rows[2]["birth_year"] = "1820"
    rows[2]["source_id"] = "OLD-1"  # would have updated an existing record
    path = write(tmp_path / "a.csv", rows)

    message = refused(path)

    batch = ImportBatch.objects.order_by("-pk").first()
    assert batch.state == ImportBatch.State.FAILED
    assert messages(batch) == [(4, "birth_year", "1820", "1870年から1935年の間ではありません。")]
    assert "取り込みませんでした" in message and "--skip-invalid" in message
    assert archive_before()
    assert ArchiveRecord.objects.count() == 2


def test_it_prints_each_problem_with_line_column_and_value(tmp_path, capsys, archive_before):
    rows = good_rows(3)
    rows[1]["birth_year"] = "19x0"
    refused(write(tmp_path / "a.csv", rows))

    assert "3行目・列「birth_year」（値「19x0」）" in capsys.readouterr().err


def test_it_refuses_broken_utf8_and_names_the_line(tmp_path, archive_before):
    path = write(tmp_path / "a.csv", good_rows(4))
    lines = path.read_bytes().split(b"\n")
    assert "Синъити".encode() in lines[3]
    lines[3] = lines[3].replace(
        "Синъити".encode(), b"\xd0\xd0\xff"
    )  # cut-off Cyrillic, as a bad editor leaves it
    path.write_bytes(b"\n".join(lines))

    batch = import_csv(path)

    assert batch.state == ImportBatch.State.FAILED
    [(line, column, _, reason)] = messages(batch)
    assert (line, column) == (4, "given_name_cyr") and "UTF-8" in reason
    assert archive_before()


def test_it_refuses_an_empty_file(tmp_path, archive_before):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    message = refused(path)

    assert "空です" in ImportBatch.objects.order_by("-pk").first().errors[0]["reason"]
    assert "取り込みませんでした" in message
    assert archive_before()


def test_it_refuses_a_file_with_only_a_header(tmp_path, archive_before):
    batch = import_csv(write(tmp_path / "h.csv", []))

    assert batch.state == ImportBatch.State.FAILED
    assert "データ行がありません" in batch.errors[0]["reason"]
    assert archive_before()


def test_it_refuses_a_duplicate_source_id_naming_both_lines(tmp_path, archive_before):
    rows = good_rows(4)
    rows[3]["source_id"] = rows[1]["source_id"]

    batch = import_csv(write(tmp_path / "a.csv", rows))

    [(line, column, value, reason)] = messages(batch)
    assert (line, column, value) == (5, "source_id", "SU-0001")
    assert "3行目" in reason
    assert archive_before()


def test_it_refuses_a_row_without_any_given_name(tmp_path, archive_before):
    rows = good_rows(3)
    rows[0]["given_name_cyr"] = ""

    batch = import_csv(write(tmp_path / "a.csv", rows))

    [(line, column, _, reason)] = messages(batch)
    assert (line, column) == (2, "given_name_cyr")
    assert "given_name_kana" in reason
    assert archive_before()


@pytest.mark.parametrize("value", ["1946-02-30", "1946-13", "1930-05-01", "15.02.1946", "1946/02/15"])
def test_it_refuses_a_bad_death_date(tmp_path, archive_before, value):
    rows = good_rows(2)
    rows[1]["death_date"] = value

    batch = import_csv(write(tmp_path / "a.csv", rows))

    [(line, column, got, reason)] = messages(batch)
    assert (line, column, got) == (3, "death_date", value)
    assert reason
    assert archive_before()


def test_it_refuses_latin_letters_in_a_cyrillic_column(tmp_path, archive_before):
    rows = good_rows(2)
    rows[0]["surname_cyr"] = "Yamashita"

    batch = import_csv(write(tmp_path / "a.csv", rows))

    assert messages(batch)[0][:3] == (2, "surname_cyr", "Yamashita")
    assert archive_before()


def test_it_refuses_a_row_with_too_few_fields(tmp_path, archive_before):
    path = write(tmp_path / "a.csv", good_rows(2))
    path.write_text(path.read_text(encoding="utf-8") + "X-1,Сато\n", encoding="utf-8")

    batch = import_csv(path)

    assert messages(batch)[0][0] == 4 and "列の数" in messages(batch)[0][3]
    assert archive_before()


def test_it_imports_the_good_rows_and_writes_the_rejects_with_reasons(tmp_path, capsys):
    rows = good_rows(5)
    rows[1]["birth_year"] = "1820"
    rows[3]["death_date"] = "1946-02-30"
    rejects = tmp_path / "rejects.csv"

    call_command(
        "import_archive", str(write(tmp_path / "a.csv", rows)), "--skip-invalid", "--rejects", str(rejects)
    )

    assert "新規 3件、更新 0件、変更なし 0件、不合格 2件" in capsys.readouterr().out
    assert sorted(ArchiveRecord.objects.values_list("source_id", flat=True)) == [
        "SU-0000",
        "SU-0002",
        "SU-0004",
    ]
    with open(rejects, encoding="utf-8-sig", newline="") as f:
        written = list(csv.DictReader(f))
    assert [(r["line"], r["source_id"]) for r in written] == [("3", "SU-0001"), ("5", "SU-0003")]
    assert "birth_year" in written[0]["reasons"] and "1820" in written[0]["reasons"]
    assert "暦にありません" in written[1]["reasons"]
    batch = ImportBatch.objects.get()
    assert (batch.state, batch.created, batch.rejected) == (ImportBatch.State.DONE, 3, 2)
    assert [e["line"] for e in batch.errors] == [3, 5]


def test_it_refuses_a_missing_file_with_a_message(tmp_path):
    batch = import_csv(tmp_path / "nowhere.csv")

    assert batch.state == ImportBatch.State.FAILED
    assert "開けません" in batch.errors[0]["reason"]


def test_it_refuses_an_unterminated_quote_and_names_the_line(tmp_path, archive_before):
    path = write(tmp_path / "a.csv", good_rows(3))
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace("Сато", '"Сато', 1)
    path.write_text("\n".join(lines), encoding="utf-8")

    batch = import_csv(path)

    assert batch.state == ImportBatch.State.FAILED
    assert batch.errors[0]["line"] == 3 and "引用符" in batch.errors[0]["reason"]
    assert archive_before()


def test_it_writes_a_refused_record_as_it_was_written(tmp_path):
    rows = good_rows(2)
    rows[1]["birth_year"] = " 1820 "
    rejects = tmp_path / "rejects.csv"

    import_csv(write(tmp_path / "a.csv", rows), skip_invalid=True, rejects_path=rejects)

    with open(rejects, encoding="utf-8-sig", newline="") as f:
        [written] = list(csv.DictReader(f))
    assert written["birth_year"] == " 1820 " and written["line"] == "3"


def test_it_refuses_a_nul_in_a_value_or_a_column_name_and_names_it(tmp_path, archive_before):
    rows = good_rows(3)
    rows[1]["death_cause"] = "дистрофия\x00"  # PostgreSQL stores no NUL, in a record or in the batch's errors
    batch = import_csv(write(tmp_path / "a.csv", rows))
    assert batch.state == ImportBatch.State.FAILED
    assert messages(batch) == [
        (3, "death_cause", "дистрофия␀", "NUL文字（文字コード0）が入っています。取り込めません。")
    ]
    batch = import_csv(write(tmp_path / "b.csv", rows), skip_invalid=True)
    assert (batch.state, batch.created, batch.rejected) == (ImportBatch.State.DONE, 2, 1)
    assert not ArchiveRecord.objects.filter(death_cause__contains="дистрофия")
    batch = import_csv(
        write(tmp_path / "c.csv", good_rows(1), header=["source_id", "given_name_cyr", "x\x00"])
    )
    assert batch.state == ImportBatch.State.FAILED and batch.errors[0]["value"] == "x␀"


def test_it_refuses_a_file_whose_records_end_with_a_lone_cr_on_postgresql(tmp_path, postgres, archive_before):
    path = tmp_path / "mac.csv"
    path.write_bytes(
        b"source_id,given_name_cyr,birth_year\rSU-1,\xd0\x9a\xd0\xb8\xd0\xb9\xd0\xbe\xd1\x81\xd0\xb8,1920\r"
    )
    batch = import_csv(path)  # the header's reader met the whole file in one "line" and raised
    assert batch.state == ImportBatch.State.FAILED and "CSVとして読めません" in batch.errors[0]["reason"]
    assert archive_before()
