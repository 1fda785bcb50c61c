"""Matching finds the right archive record for an inquiry, explains why, and copes with clerks' habits."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from archive.importing import import_csv
from archive.matching import Facts, explanation, match, reasons
from archive.matching.engine import SURNAME_ONLY_LIMIT

pytestmark = pytest.mark.django_db

COLUMNS = ["source_id", "surname_cyr", "given_name_cyr", "birth_year", "birthplace_cyr", "unit_cyr",
           "camp", "region", "surname_kana", "given_name_kana"]  # fmt: skip

# Real name examples as Soviet clerks wrote them: Polivanov and the usual departures from it.
RECORDS = [
    ("YAMASHITA-1", "Ямашита", "Кийоси", 1920, "преф. Нийгата", "", "Лагерь № 7", "Хабаровский край"),
    ("YAMASHITA-2", "Ямасита", "Киёси", 1921, "Ниигата-кен", "", "Лагерь № 16", "Приморский край"),
    ("YAMASHITA-3", "Ямашта", "Киоси", None, "", "", "Лагерь № 3", "Читинская область"),
    ("SATO-KIYOSHI-A", "Сато", "Киёси", 1915, "преф. Мияги", "", "Лагерь № 5", "Иркутская область"),
    ("SATO-KIYOSHI-B", "Сатоо", "Кийоси", 1922, "преф. Кумамото", "", "Лагерь № 9", "Красноярский край"),
    ("SAITO-KIYOSHI", "Сайто", "Киёси", 1922, "преф. Кумамото", "", "Лагерь № 9", "Красноярский край"),
    ("SHIMIZU", "Шимидзу", "Кейдзи", 1918, "преф. Сидзуока", "", "Лагерь № 2", "Читинская область"),
    ("ICHIRO", "Ичиро", "Судзуки", 1919, "преф. Айти", "", "Лагерь № 4", "Амурская область"),
    ("KAZUO", "Като", "Казуо", 1917, "преф. Гифу", "", "Лагерь № 1", "Хабаровский край"),
    (
        "YOSHIDA",
        "Иосида",
        "Масао",
        1923,
        "преф. Фукуока",
        "107 пехотный полк",
        "Лагерь № 6",
        "Приморский край",
    ),
    ("NAKAMURA-CUT", "Накамура", "Кадзу", 1916, "преф. Нагано", "", "Лагерь № 8", "Казахская ССР"),
    ("HATTORI", "Хатори", "Сигэру", 1920, "преф. Аити", "", "Лагерь № 1", "Хабаровский край"),
    ("INOUE-INITIAL", "Иноуэ", "С.", 1921, "преф. Токио", "", "Лагерь № 11", "Иркутская область"),
    ("SHINAGAWA", "Синаава", "Кадзуо", 1901, "", "", "Лагерь № 10", "Бурят-Монгольская АССР"),
]
KANA_ONLY = [("KANA-ONLY", "", "", 1914, "", "", "Лагерь № 12", "Монголия", "イノウエ", "キオシ")]


def write_archive(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            row = list(row) + [""] * (len(COLUMNS) - len(row))
            writer.writerow(["" if value is None else value for value in row])
    return path


@pytest.fixture
def archive(tmp_path):
    batch = import_csv(write_archive(tmp_path / "archive.csv", RECORDS + KANA_ONLY))
    assert batch.state == "done", batch.errors
    return batch


def top_ids(facts: Facts, top: int = 10) -> list[str]:
    return [c.head.record.source_id for c in match(facts, top=top)]


def test_it_puts_the_record_from_the_issue_at_the_top_with_its_reasons(archive):
    facts = Facts("山下", "清", "ヤマシタ", "キヨシ", birth_year=1921, prefecture="15")
    best = match(facts)[0]
    assert {card.record.source_id for card in best.cards} == {"YAMASHITA-1", "YAMASHITA-2", "YAMASHITA-3"}
    assert best.band == "likely"
    stored = explanation(best)
    lines = reasons(stored)
    assert any("ヤマシタ" in line for line in lines)
    assert any("キヨシ" in line for line in lines)
    assert "出身地: 一致（新潟県）" in lines
    assert "同一人物と見られる他のカード 2 枚" in lines


def test_the_reasons_are_put_into_words_in_the_language_of_the_page(archive):
    stored = explanation(
        match(Facts("山下", "清", "ヤマシタ", "キヨシ", birth_year=1921, prefecture="15"))[0]
    )
    with translation.override("en"):
        lines = reasons(stored)
    assert "Birthplace: same (Niigata)" in lines
    assert "Other cards that appear to be the same person: 2" in lines
    assert any(line.startswith("Surname: ヤマシタ and the record's reading") for line in lines)
    # explanations stored in Japanese words only, before the fields were kept, are shown as they are
    assert reasons({"reasons": ["姓: 資料に記載なし"]}) == ["姓: 資料に記載なし"]


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (Facts("清水", "敬二", "シミズ", "ケイジ", 1918), "SHIMIZU"),  # ши for си, е for э
        (Facts("鈴木", "一郎", "スズキ", "イチロウ", 1919), "ICHIRO"),  # чи for ти, names swapped
        (Facts("加藤", "和夫", "カトウ", "カズオ", 1917), "KAZUO"),  # з for дз
        (Facts("吉田", "正雄", "ヨシダ", "マサオ", 1923), "YOSHIDA"),  # ио for ё
        (Facts("中村", "一男", "ナカムラ", "カズオ", 1916), "NAKAMURA-CUT"),  # given name cut short
        (Facts("服部", "茂", "ハットリ", "シゲル", 1920), "HATTORI"),  # doubled consonant dropped
        (Facts("井上", "清", "イノウエ", "キヨシ", 1914), "KANA-ONLY"),  # a noisy katakana list
        (Facts("井上", "四郎", "イノウエ", "シロウ", 1921, prefecture="13"), "INOUE-INITIAL"),  # «С.»
        (Facts("品川", "一雄", "シナガワ", "カズオ", 1901), "SHINAGAWA"),  # a whole syllable lost
    ],
)
def test_it_copes_with_clerk_spellings(archive, facts, expected):
    assert top_ids(facts, top=3)[0] == expected


def test_it_finds_the_person_with_a_birth_year_one_off_or_missing(archive):
    assert top_ids(Facts("清水", "敬二", "シミズ", "ケイジ", 1917))[0] == "SHIMIZU"
    assert top_ids(Facts("清水", "敬二", "シミズ", "ケイジ"))[0] == "SHIMIZU"


def test_it_tells_namesakes_apart_by_birth_year_and_birthplace(archive):
    ids = top_ids(Facts("佐藤", "清", "サトウ", "キヨシ", birth_year=1922, prefecture="43"))
    assert ids[0] == "SATO-KIYOSHI-B"
    assert "SATO-KIYOSHI-A" in ids  # the namesake is still shown, lower
    ids = top_ids(Facts("佐藤", "清", "サトウ", "キヨシ", birth_year=1915, prefecture="04"))
    assert ids[0] == "SATO-KIYOSHI-A"


def test_it_does_not_mistake_saito_for_sato(archive):
    candidates = match(Facts("佐藤", "清", "サトウ", "キヨシ", birth_year=1922, prefecture="43"))
    by_id = {c.head.record.source_id: c.score for c in candidates}
    assert by_id["SATO-KIYOSHI-B"] > by_id.get("SAITO-KIYOSHI", 0)


def test_it_falls_back_to_the_readings_a_kanji_name_can_have(archive):
    facts = Facts("山下", "清", birth_year=1921, prefecture="15")  # no reading given
    best = match(facts)[0]
    assert best.head.record.source_id.startswith("YAMASHITA")
    assert len(best.cards) == 3


def test_the_surname_alone_keeps_the_nearest_cards_of_a_common_surname(tmp_path):
    # More cards of the surname than the surname-alone search keeps, all further off than the
    # person's card, which is written last: it is kept whatever order the database reads them in.
    camp = ("Лагерь № 5", "Иркутская область")
    others = [
        (f"SATO-{i}", "Сато", "Бунтаро", 1918 + 4 * (i % 2), "", "", *camp)
        for i in range(SURNAME_ONLY_LIMIT + 40)
    ]
    person = ("SATO-TETSU", "Сато", "Тэцу", 1920, "преф. Мияги", "", *camp)
    assert import_csv(write_archive(tmp_path / "archive.csv", [*others, person])).state == "done"
    assert top_ids(Facts("佐藤", "清", "サトウ", "キヨシ", birth_year=1920))[0] == "SATO-TETSU"
    assert top_ids(Facts("佐藤", "清", "サトウ", "キヨシ", prefecture="04"))[0] == "SATO-TETSU"


def test_an_initial_typed_without_its_diaeresis_still_agrees(tmp_path):
    # Ё. typed as Е. (Russian print has no ё): the initial of ヨシオ all the same.
    camp = ("Лагерь № 5", "Иркутская область")
    rows = [
        ("MIYAZAWA-E", "Миядзава", "Е.", 1922, "", "", *camp),
        ("MIYAZAWA-K", "Миядзава", "К.", 1922, "", "", *camp),
    ]
    assert import_csv(write_archive(tmp_path / "archive.csv", rows)).state == "done"
    best = match(Facts("宮澤", "義雄", "ミヤザワ", "ヨシオ", birth_year=1922))[0]
    assert best.head.record.source_id == "MIYAZAWA-E"
    assert explanation(best)["fields"]["given"]["score"] == 0.8


def test_it_finds_a_given_name_cut_short_beside_many_namesakes(tmp_path):
    # Enough namesakes for the name pairs alone (no search on the surname alone); the person's
    # card has the given name cut short (Мунэ for Мунэёси) and is found all the same.
    camp = ("Лагерь № 5", "Иркутская область")
    namesakes = [(f"KINJO-{i}", "Киндзё", "Мунэёси", 1880 + i, "", "", *camp) for i in range(25)]
    person = ("KINJO-MUNE", "Киндзё", "Мунэ", 1916, "", "", *camp)
    assert import_csv(write_archive(tmp_path / "archive.csv", [*namesakes, person])).state == "done"
    assert "KINJO-MUNE" in top_ids(Facts("金城", "宗吉", "キンジョウ", "ムネヨシ", birth_year=1915))


def test_it_groups_cards_of_one_person_so_they_do_not_crowd_the_list(archive):
    candidates = match(Facts("山下", "清", "ヤマシタ", "キヨシ", birth_year=1921))
    heads = [c.head.record.source_id for c in candidates]
    assert sum(1 for h in heads if h.startswith("YAMASHITA")) == 1
    assert sorted(candidates[0].also) == sorted(
        {"YAMASHITA-1", "YAMASHITA-2", "YAMASHITA-3"} - {candidates[0].head.record.source_id}
    )


def test_it_scores_a_contradiction_lower_and_says_so(archive):
    candidates = match(Facts("清水", "敬二", "シミズ", "ケイジ", birth_year=1905, prefecture="01"))
    shimizu = next(c for c in candidates if c.head.record.source_id == "SHIMIZU")
    assert set(shimizu.head.contradictions) == {"birth_year", "prefecture"}
    assert shimizu.band != "likely"


def test_it_writes_json_lines_from_the_batch_command(archive, tmp_path, capsys):
    path = tmp_path / "inquiries.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ref", "surname_kanji", "given_name_kanji", "surname_kana", "given_name_kana",
                         "birth_date", "birthplace", "unit"])  # fmt: skip
        writer.writerow(["Q1", "山下", "清", "やました", "きよし", "大正10年", "新潟県", ""])
        writer.writerow(["Q2", "清水", "敬二", "", "", "T7", "", ""])
    call_command("match_inquiries", str(path), "--top", "5")
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line["ref"] for line in lines] == ["Q1", "Q2"]
    first = lines[0]["candidates"][0]
    assert first["source_id"].startswith("YAMASHITA") and len(first["also"]) == 2
    assert first["band"] == "likely" and 0 < first["score"] <= 1
    assert "2 inquiries; p50" in captured.err
