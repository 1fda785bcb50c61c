"""A record's readings, romaji, spellings and prefecture come from one derivation (archive.derive),
whichever path writes them: the import on this test run's database (SQLite or PostgreSQL), the
admin's edit of a record, and the re-derivation of the stored spellings."""

from __future__ import annotations

import pytest

from archive import derive, spellings
from archive.importing import import_csv, pg_shared, prederive
from archive.models import ArchiveRecord, NameSpelling
from archive.rederive import rederive_spellings
from archive.services import refresh_derived
from tests.import_files import row, write

AS_WRITTEN = ("surname_cyr", "surname_kana", "given_name_cyr", "given_name_kana", "birthplace_cyr")
DERIVED = ("surname_reading", "given_name_reading", "romaji", "prefecture")

# Spellings as clerks and archivists wrote them: Polivanov and not, initials (one typed with a
# Latin look-alike letter), kana only (hiragana, half-width), both scripts, no surname at all,
# birthplaces the library recognises, does not recognise, or that have spaces around them.
ROWS = [
    row("D-01", "Ямашита", "Кийоси", birthplace_cyr="преф. Нийгата"),
    row("D-02", "Ямасита", "Киёси", birthplace_cyr="Ниигата-кен"),
    row("D-03", "Иноуэ", "С.", birthplace_cyr="преф. Токио"),
    row("D-04", "Иноуэ", "C.", birthplace_cyr="Токио"),  # a Latin C
    row("D-05", "Миядзава", "Е.", birthplace_cyr=""),
    row("D-06", "", "", surname_kana="やまだ", given_name_kana="ﾀﾛｳ", birthplace_cyr="Хоккайдо"),
    row("D-07", "Сато", "Кадзуо", surname_kana="サトウ", given_name_kana="カズオ", birthplace_cyr="Айти"),
    row("D-08", "", "Итиро", birthplace_cyr="деревня Нигде"),
    row("D-09", "Шимидзу", "Кейдзи", birthplace_cyr="  преф. Сидзуока "),
    row("D-10", "Иосида", "", given_name_kana="マサオ", birthplace_cyr="преф. Фукуока"),
    row("D-11", "Кинджо", "Мунэёси", birthplace_cyr="Окинава"),
    row("D-12", "Ватанабэ", "Синъити", birthplace_cyr="Кумамото-кен"),
]


def derived_by_the_import() -> dict[str, tuple]:
    records = ArchiveRecord.objects.select_related("surname_spelling", "given_spelling")
    return {
        r.source_id: (
            (r.surname_spelling.script, r.surname_spelling.text) if r.surname_spelling else None,
            (r.given_spelling.script, r.given_spelling.text) if r.given_spelling else None,
            *(getattr(r, f) for f in DERIVED),
        )
        for r in records
    }


def derived_by_derive_record() -> dict[str, tuple]:
    out = {}
    for r in ArchiveRecord.objects.all():
        d = derive.derive_record(**{f: getattr(r, f) for f in AS_WRITTEN})
        out[r.source_id] = (d.surname_spelling, d.given_spelling, *(getattr(d, f) for f in DERIVED))
    return out


def stored_spellings() -> dict[tuple[str, str], tuple]:
    return {
        (script, text): (readings, romaji, keys.split())
        for script, text, readings, romaji, keys in NameSpelling.objects.values_list(
            "script", "text", "readings", "romaji", "keys"
        )
    }


def assert_the_one_derivation() -> None:
    by_import = derived_by_the_import()
    assert len(by_import) == len(ROWS)
    assert by_import == derived_by_derive_record()
    for (script, text), values in stored_spellings().items():
        assert values == tuple(derive.spelling_values(script, text)), (script, text)


@pytest.mark.django_db
def test_the_import_stores_what_the_one_derivation_gives(tmp_path):
    batch = import_csv(write(tmp_path / "a.csv", ROWS))
    assert (batch.state, batch.created) == ("done", len(ROWS))
    assert_the_one_derivation()
    # The derivation is not empty-handed: the cases above reach every field.
    by_import = derived_by_the_import()
    assert by_import["D-04"][1] == ("cyr", "с") == by_import["D-03"][1]
    assert by_import["D-06"][:2] == (("kana", "ヤマダ"), ("kana", "タロウ"))
    assert by_import["D-07"][0] == ("cyr", "сато")  # the Cyrillic indexes the name when both are written
    assert by_import["D-09"][-1] == "22" and by_import["D-08"][-1] == ""
    assert by_import["D-01"][2:5] == ("ヤマシタ", "キヨシ", "Yamashita Kiyoshi")

    # A second import of the same file changes nothing; re-derivation finds nothing to change.
    again = import_csv(write(tmp_path / "a.csv", ROWS))
    assert (again.state, again.unchanged) == ("done", len(ROWS))
    assert rederive_spellings().changed == 0


@pytest.mark.django_db(transaction=True)  # the PostgreSQL check beside reads what is committed
def test_every_part_of_the_import_stores_what_the_one_derivation_gives(tmp_path, monkeypatch):
    # The parts a big file sets going, made to run on a small one: the derivation forked on the
    # other cores, and on PostgreSQL the derivation beside the import and the second connection.
    monkeypatch.setattr(spellings, "PARALLEL_FROM", 1)
    monkeypatch.setattr(prederive, "PREDERIVE_FROM", 1)
    monkeypatch.setattr(pg_shared, "SHARED_FROM", 1)
    batch = import_csv(write(tmp_path / "a.csv", ROWS))
    assert (batch.state, batch.created) == ("done", len(ROWS))
    assert_the_one_derivation()


@pytest.mark.django_db
def test_an_archivists_edit_derives_as_the_import_does(tmp_path):
    assert import_csv(write(tmp_path / "a.csv", ROWS[:1])).state == "done"
    record = ArchiveRecord.objects.get()
    record.surname_cyr, record.given_name_cyr, record.given_name_kana = "", "C.", "ｷﾖｼ"
    record.surname_kana, record.birthplace_cyr = "やました", " Ниигата-кен"
    refresh_derived(record)
    record.save()

    edited = derived_by_the_import()["D-01"]
    assert edited == derived_by_derive_record()["D-01"]
    assert edited[:2] == (("kana", "ヤマシタ"), ("cyr", "с"))
    assert edited[-1] == "15"
