"""The synthetic archive: deterministic, in the import format, and as messy as the real records."""

from __future__ import annotations

import csv
import re
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.names import PREFECTURES, is_cyrillic, is_kana, to_katakana
from devdata.generator import generate
from devdata.generator.cards import COLUMNS
from devdata.generator.inquiries import distinguishable
from devdata.generator.people import Person

PREF = {p.kanji: p for p in PREFECTURES}


def read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    generate(out, records=20_000, seed=7)
    return out


@pytest.fixture(scope="module")
def cards_by_person(sample) -> list[list[dict[str, str]]]:
    records = {r["source_id"]: r for r in read(sample / "archive.csv")}
    return [[records[s] for s in t["source_ids"].split()] for t in read(sample / "truth.csv")]


def test_it_writes_byte_identical_files_for_the_same_seed(tmp_path):
    for name in ("a", "b"):
        generate(tmp_path / name, records=1500, seed=42)
    generate(tmp_path / "c", records=1500, seed=43)
    for file in ("archive.csv", "inquiries.csv", "truth.csv"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
        assert (tmp_path / "a" / file).read_bytes() != (tmp_path / "c" / file).read_bytes()


def test_it_writes_the_import_columns_and_exactly_the_records_asked_for(sample):
    with open(sample / "archive.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == list(COLUMNS)
    rows = read(sample / "archive.csv")
    assert len(rows) == 20_000
    assert len({r["source_id"] for r in rows}) == 20_000
    assert all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r["death_date"]) for r in rows if r["death_date"])
    assert not list(sample.glob(".archive-part-*")), "temporary bucket files are removed"


def test_it_gives_people_several_cards_spelled_differently_by_different_clerks(cards_by_person):
    multi = [cards for cards in cards_by_person if len(cards) >= 3]
    assert len(multi) > 0.15 * len(cards_by_person)
    varied = [
        cards
        for cards in multi
        if len({c["surname_cyr"] + c["given_name_cyr"] for c in cards if c["surname_cyr"]}) > 1
    ]
    assert len(varied) > 0.5 * len(multi)
    years = [c["birth_year"] for cards in multi for c in cards]
    assert "" in years, "some cards have no birth year"


def test_it_writes_some_records_only_in_katakana(sample):
    rows = read(sample / "archive.csv")
    kana_only = [r for r in rows if not r["surname_cyr"] and r["surname_kana"]]
    assert 0.03 < len(kana_only) / len(rows) < 0.08
    assert all(is_kana(r["surname_kana"]) for r in kana_only)
    assert {r["document_type"] for r in kana_only} >= {"death_list"}
    cyr = [r["surname_cyr"] for r in rows if r["surname_cyr"]]
    assert sum(is_cyrillic(s) for s in cyr) > 0.95 * len(cyr)


def test_it_writes_birthplaces_many_ways_and_sometimes_not_at_all(sample):
    places = [r["birthplace_cyr"] for r in read(sample / "archive.csv")]
    assert any(p.startswith("преф. ") for p in places)
    assert any("-кен" in p for p in places)
    assert any("префектура" in p for p in places)
    assert any("уезд" in p for p in places)
    assert places.count("") > 0.15 * len(places)


def test_it_writes_inquiries_as_families_do(sample):
    inquiries = read(sample / "inquiries.csv")
    assert 0.07 * 20_000 / 3 < len(inquiries)
    dates = [q["birth_date"] for q in inquiries]
    assert any(re.match(r"(大正|昭和|明治)(\d+|元)年", d) for d in dates)
    assert any(re.fullmatch(r"[MTS]\d+\.\d+\.\d+", d) for d in dates)
    assert any(re.fullmatch(r"\d{4}", d) for d in dates)
    assert "" in dates
    without_kana = sum(1 for q in inquiries if not q["surname_kana"])
    assert 0.07 < without_kana / len(inquiries) < 0.25
    assert any(q["surname_kana"] and q["surname_kana"] != to_katakana(q["surname_kana"]) for q in inquiries)
    assert all(q["surname_kanji"] and q["given_name_kanji"] for q in inquiries)
    assert any(q["birthplace"].endswith("県") for q in inquiries)


def test_it_links_each_inquiry_to_all_the_persons_cards(sample, cards_by_person):
    truth = read(sample / "truth.csv")
    assert [t["ref"] for t in truth] == [q["ref"] for q in read(sample / "inquiries.csv")]
    assert {t["distinguishable"] for t in truth} == {"0", "1"}
    assert all(cards for cards in cards_by_person)


def _person(number: int, year: int, pref: str) -> Person:
    return Person(number, 0, 0, (year, 1, 1), PREF[pref], "", "", "", 0, 1)


def test_it_flags_an_inquiry_that_cannot_tell_the_person_from_a_namesake():
    asked = _person(1, 1920, "新潟")
    everyone = [(1, 1920, PREF["新潟"].code), (2, 1921, PREF["新潟"].code), (3, 1920, PREF["長野"].code)]
    assert distinguishable(asked, everyone, stated_year=1920, stated_pref=PREF["新潟"].code) == 0
    assert distinguishable(asked, everyone, stated_year=1918, stated_pref=PREF["新潟"].code) == 1
    assert distinguishable(asked, everyone[::2], stated_year=1920, stated_pref=PREF["新潟"].code) == 1
    assert distinguishable(asked, everyone[::2], stated_year=1920, stated_pref=None) == 0
    assert distinguishable(asked, [everyone[0]], stated_year=None, stated_pref=None) == 1


def test_it_writes_the_number_of_inquiries_asked_for_and_prints_the_time(tmp_path):
    out = StringIO()
    call_command("generate_archive", records=2000, seed=5, inquiries=25, out=tmp_path, stdout=out)
    assert len(read(tmp_path / "inquiries.csv")) == 25
    assert len(read(tmp_path / "truth.csv")) == 25
    assert re.search(r"2000 records about \d+ people, 25 inquiries .* in \d+\.\d s", out.getvalue())
    print(out.getvalue())


def test_it_draws_era_typical_given_names_and_common_surnames(sample):
    inquiries = read(sample / "inquiries.csv")
    given = Counter(q["given_name_kanji"] for q in inquiries)
    assert given.most_common(1)[0][0] in {"清", "正雄", "茂", "実", "勇", "博", "武", "三郎", "一郎", "義雄"}
    surnames = Counter(q["surname_kanji"] for q in inquiries)
    assert {"佐藤", "鈴木", "高橋", "田中"} & {s for s, _n in surnames.most_common(15)}


@pytest.mark.django_db
def test_it_loads_the_demo_sample_and_a_second_run_changes_nothing():
    from archive.models import ArchiveRecord
    from devdata.archive_sample import load_sample

    out = StringIO()
    first = load_sample(300, stdout=out)
    assert (first.created, first.rejected) == (300, 0)
    assert "300 new" in out.getvalue()
    second = load_sample(300)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 300)
    assert ArchiveRecord.objects.count() == 300
    assert ArchiveRecord.objects.exclude(surname_reading="").count() > 250


@pytest.mark.django_db
def test_it_loads_sample_records_with_the_demo_data_command():
    from archive.models import ArchiveRecord

    out = StringIO()
    call_command("load_demo_data", records=200, stdout=out)
    assert ArchiveRecord.objects.count() == 200
    assert "matcher" in out.getvalue() and "200 new" in out.getvalue()
    call_command("load_demo_data", records=0, stdout=StringIO())
    assert ArchiveRecord.objects.count() == 200


def test_it_writes_names_the_import_accepts_even_initials_and_typewriter_latin(tmp_path):
    generate(tmp_path, records=60_000, seed=3)
    has_cyrillic = re.compile(r"[\u0400-\u04ff]")
    rows = read(tmp_path / "archive.csv")
    for column in ("surname_cyr", "given_name_cyr", "patronymic_cyr"):
        bad = [r[column] for r in rows if r[column] and not has_cyrillic.search(r[column])]
        assert bad == [], column
    initials = [r["given_name_cyr"] for r in rows if re.fullmatch(r"\w\.", r["given_name_cyr"])]
    assert initials, "some clerks wrote only an initial"
