"""Deriving the stored spellings again after the name library has improved."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from archive.derive import spelling_values
from archive.importing import import_csv
from archive.matching import Facts, match
from archive.models import ArchiveRecord, NameSpelling, SpellingKey, SpellingRederive
from tests.test_matching import write_archive

pytestmark = pytest.mark.django_db

RECORDS = [
    ("A-1", "Есида", "Сигеру", 1920), ("A-2", "Есида", "Киеси", 1921), ("A-3", "Сато", "Есио", 1915),
    ("A-4", "Танака", "Итиро", 1918),
]  # fmt: skip


def as_an_older_library_left_it() -> None:
    """Ёсида read as エシダ only, as before the library knew that е may stand for ё."""
    spelling = NameSpelling.objects.get(script="cyr", text="есида")
    spelling.readings, spelling.romaji, spelling.keys = "エシダ", "Eshida", "ESD"
    spelling.save()
    SpellingKey.objects.filter(spelling=spelling).delete()
    SpellingKey.objects.create(spelling=spelling, key="ESD")
    ArchiveRecord.objects.filter(surname_spelling=spelling).update(surname_reading="エシダ", romaji="Eshida")


def test_it_derives_the_stored_spellings_again_and_what_their_records_copy(tmp_path, capsys):
    assert import_csv(write_archive(tmp_path / "a.csv", RECORDS)).state == "done"
    fresh = {
        r.source_id: (r.surname_reading, r.given_name_reading, r.romaji) for r in ArchiveRecord.objects.all()
    }
    untouched = NameSpelling.objects.get(script="cyr", text="танака")
    as_an_older_library_left_it()
    assert ArchiveRecord.objects.get(source_id="A-1").surname_reading == "エシダ"

    call_command("rederive_spellings")

    out = capsys.readouterr().out
    assert "変わった表記 1件" in out and "書き換えた資料記録 2件" in out
    spelling = NameSpelling.objects.get(script="cyr", text="есида")
    readings, romaji, keys = spelling_values("cyr", "есида")
    assert (spelling.readings, spelling.romaji, spelling.keys.split()) == (readings, romaji, keys)
    assert sorted(spelling.key_rows.values_list("key", flat=True)) == sorted(keys)
    assert readings.split()[0] == "ヨシダ"
    after = {
        r.source_id: (r.surname_reading, r.given_name_reading, r.romaji) for r in ArchiveRecord.objects.all()
    }
    assert after == fresh  # what a fresh import gives
    assert NameSpelling.objects.get(pk=untouched.pk).readings == untouched.readings


def test_a_second_run_finds_nothing_to_change(tmp_path, capsys):
    assert import_csv(write_archive(tmp_path / "a.csv", RECORDS)).state == "done"
    as_an_older_library_left_it()
    call_command("rederive_spellings")
    capsys.readouterr()
    call_command("rederive_spellings")
    assert "変わった表記 0件" in capsys.readouterr().out


def test_matching_in_a_running_process_sees_the_spellings_derived_again(tmp_path):
    assert import_csv(write_archive(tmp_path / "a.csv", RECORDS)).state == "done"
    as_an_older_library_left_it()
    yoshida = Facts("吉田", "茂", "ヨシダ", "シゲル", birth_year=1920)
    assert "A-1" not in [c.head.record.source_id for c in match(yoshida)]  # the index holds エシダ

    call_command("rederive_spellings")

    assert [c.head.record.source_id for c in match(yoshida)][0] == "A-1"
    assert SpellingRederive.objects.get().changed == 1
