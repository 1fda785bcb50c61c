"""Importing names the tests did not write by hand: random people from the name dataset."""

from __future__ import annotations

import random

import japanese_personal_name_dataset as names_dataset
import pytest

from archive.importing import import_csv
from archive.models import ArchiveRecord, NameSpelling, SpellingKey
from archive.names import kana_to_cyrillic, to_katakana
from tests.import_files import row, write

pytestmark = pytest.mark.django_db
PLACES = ["преф. Нийгата", "Хоккайдо", "Токио-фу", "преф. Аомори", "Осака", ""]


@pytest.fixture
def generated_rows():
    rng = random.Random(20260101)
    surnames = [n["reading"] for n in names_dataset.get_last_names(limit=400)]
    given = [n["reading"] for n in names_dataset.get_popular_names("male", top=200)]
    rows, truth = [], {}
    for i in range(300):
        surname, first = to_katakana(rng.choice(surnames)), to_katakana(rng.choice(given))
        if i % 10 == 0:  # a death list in katakana only
            values = row(f"G-{i:05d}", "", "", surname_kana=surname, given_name_kana=first)
        else:
            values = row(
                f"G-{i:05d}", kana_to_cyrillic(surname).capitalize(), kana_to_cyrillic(first).capitalize()
            )
            truth[values["source_id"]] = surname
        values["birthplace_cyr"] = rng.choice(PLACES)
        values["birth_year"] = str(rng.randint(1895, 1928))
        values["death_date"] = rng.choice(["", "1946", f"1947-{rng.randint(1, 12):02d}", "1945-12-31"])
        rows.append(values)
    return rows, truth


@pytest.mark.parametrize("copy_from", [1000, 1])
def test_it_imports_generated_names_with_readings_and_keys_for_every_record(
    tmp_path, generated_rows, monkeypatch, copy_from
):
    from archive import spellings

    monkeypatch.setattr(spellings, "COPY_FROM", copy_from)  # 1: spellings written by COPY on PostgreSQL
    batch = import_csv(write(tmp_path / "g.csv", generated_rows[0]))

    assert (batch.created, batch.rejected, batch.state) == (300, 0, "done")
    assert ArchiveRecord.objects.count() == 300
    assert not ArchiveRecord.objects.filter(surname_reading="").exists()
    assert not ArchiveRecord.objects.filter(given_name_reading="").exists()
    assert not ArchiveRecord.objects.filter(surname_spelling=None).exists()
    assert not ArchiveRecord.objects.filter(romaji="").exists()
    assert not NameSpelling.objects.filter(keys="").exists()
    spellings = NameSpelling.objects.count()
    assert SpellingKey.objects.values("spelling").distinct().count() == spellings
    # Each distinct spelling is stored once, however many records share it.
    used = {
        (r.surname_spelling.script, r.surname_spelling.text)
        for r in ArchiveRecord.objects.select_related("surname_spelling")
    }
    assert spellings < 600 and len(used) <= spellings
    assert ArchiveRecord.objects.exclude(prefecture="").count() > 150


def test_it_finds_the_dataset_reading_among_the_readings_of_most_records(tmp_path, generated_rows):
    rows, truth = generated_rows
    import_csv(write(tmp_path / "g.csv", rows))

    records = ArchiveRecord.objects.filter(source_id__in=truth).select_related("surname_spelling")
    found = sum(truth[r.source_id] in r.surname_spelling.reading_list for r in records)
    assert len(records) == len(truth) == 270
    assert found / len(truth) > 0.8


def test_it_derives_spellings_on_several_cores_exactly_as_on_one(monkeypatch):
    from archive import derive, spellings

    pairs = [(derive.CYR, text) for text in ("сато", "ямашита", "кийоси", "шимидзу", "кадзуо", "ичиро")] * 3
    pairs += [(derive.KANA, "ヤマシタ")]
    one_by_one = [derive.spelling_values(*pair) for pair in pairs]
    monkeypatch.setattr(spellings, "PARALLEL_FROM", 2)
    assert spellings.derive_many(pairs) == one_by_one
    assert one_by_one[1][0].split()[0] == "ヤマシタ"
