"""Readings of kanji names from the name dataset, with pykakasi as a fallback."""

import time

import pytest

from archive.names import readings_for_kanji

pytestmark: list = []

EXPECTED = [
    ("佐藤", "surname", "サトウ"), ("山下", "surname", "ヤマシタ"), ("渡辺", "surname", "ワタナベ"),
    ("長谷川", "surname", "ハセガワ"), ("東海林", "surname", "ショウジ"), ("服部", "surname", "ハットリ"),
    ("髙橋", "surname", "タカハシ"), ("渡邉", "surname", "ワタナベ"), ("清", "given", "キヨシ"),
    ("正雄", "given", "マサオ"), ("一郎", "given", "イチロウ"), ("和夫", "given", "カズオ"),
    ("信一", "given", "シンイチ"), ("茂", "given", "シゲル"),
    ("龍之介", "given", "リュウノスケ"), ("秀夫", "given", "ヒデオ"),
]  # fmt: skip


@pytest.mark.parametrize(("kanji", "part", "kana"), EXPECTED)
def test_it_reads_common_names_best_first(kanji, part, kana):
    readings = readings_for_kanji(kanji, part)
    assert readings[0][0] == kana, readings
    assert sum(w for _, w in readings) <= 1.0 + 1e-9
    assert [w for _, w in readings] == sorted((w for _, w in readings), reverse=True)


def test_it_offers_more_than_one_reading_for_ambiguous_names():
    assert "イサム" in [k for k, _ in readings_for_kanji("勇", "given")[:4]]  # pykakasi says イサミ
    readings = dict(readings_for_kanji("清", "given"))
    assert "キヨシ" in readings and "キヨ" in readings
    assert {"サチコ", "ユキコ"} <= set(dict(readings_for_kanji("幸子", "given")))


def test_it_falls_back_to_pykakasi_for_names_the_dataset_lacks():
    readings = readings_for_kanji("勅使河原", "surname")
    assert readings[0][0] == "テシガワラ"


def test_it_returns_nothing_for_empty_input_and_rejects_bad_parts():
    assert readings_for_kanji("", "surname") == []
    with pytest.raises(ValueError):
        readings_for_kanji("佐藤", "middle")  # type: ignore[arg-type]


def test_it_loads_quickly():
    start = time.perf_counter()
    readings_for_kanji("山田", "surname")
    readings_for_kanji("太郎", "given")
    assert time.perf_counter() - start < 2.0
