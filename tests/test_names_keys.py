"""Phonetic keys and similarity: variants of one name block together, others do not."""

import pytest

from archive.names import (
    best_similarity,
    kana_to_cyrillic,
    name_similarity,
    phonetic_key,
    phonetic_keys_for_cyrillic,
)

pytestmark: list = []

SAME_KEY = [
    ("サトウ", "サトー"), ("サトウ", "サト"), ("サトウ", "サトオ"), ("オオタ", "オータ"), ("ハットリ", "ハトリ"),
    ("キヨシ", "キョシ"), ("ケイジ", "ケージ"), ("カズオ", "カヅオ"), ("カズオ", "ガズオ"), ("フジタ", "フヂタ"),
    ("シンイチ", "シニチ"), ("チヨダ", "チョダ"), ("ショウジ", "ジョウジ"), ("イチロウ", "イチロ"),
    ("ヤマザキ", "ヤマサキ"), ("コンドウ", "ゴンドウ"), ("ティ", "チ"), ("さとう", "ｻﾄｳ"), ("カトウ", "カドウ"),
]  # fmt: skip
DIFFERENT_KEY = [
    ("サトウ", "サイトウ"), ("カトウ", "ゴトウ"), ("カトウ", "カワトウ"), ("ヤマモト", "ヤマムラ"),
    ("イトウ", "イシイ"), ("カズオ", "カツオ"), ("ショウジ", "ソウジ"), ("タナカ", "ナカタ"), ("オノ", "オカノ"),
    ("スズキ", "ススギタ"), ("キムラ", "キタムラ"),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), SAME_KEY)
def test_it_gives_clerk_variants_the_same_key(a, b):
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_KEY)
def test_it_keeps_different_names_apart(a, b):
    assert phonetic_key(a) != phonetic_key(b)
    assert name_similarity(a, b) < 0.9


def test_it_scores_identical_and_folded_readings_as_one():
    assert name_similarity("サトウ", "さとう") == 1.0
    assert name_similarity("サトウ", "サトー") == 1.0
    assert name_similarity("サトウ", "") == 0.0


def test_it_ranks_a_voicing_slip_above_a_different_name():
    assert name_similarity("カズオ", "ガズオ") > name_similarity("カズオ", "カツオ")
    assert name_similarity("サトウ", "サドウ") > name_similarity("サトウ", "サイトウ")
    assert name_similarity("ヤマモト", "タナカ") < 0.4


CLERK_SPELLINGS = [
    ("Шимидзу", "シミズ"), ("Ичиро", "イチロウ"), ("Казуо", "カズオ"), ("Кийоси", "キヨシ"), ("Иосида", "ヨシダ"),
    ("Сатоо", "サトウ"), ("Хатори", "ハットリ"), ("Кейдзи", "ケイジ"), ("Ямашита", "ヤマシタ"),
    ("Каджуо", "カズオ"), ("Кажуо", "カズオ"), ("Йосида", "ヨシダ"), ("Оота", "オオタ"), ("Сатоу", "サトウ"),
    ("Икеда", "イケダ"), ("Хукуда", "フクダ"), ("Уатанабе", "ワタナベ"), ("Кенити", "ケンイチ"),
    ("Йокояма", "ヨコヤマ"), ("Мацмото", "マツモト"), ("Сёджи", "ショウジ"), ("Кондо", "コンドウ"),
    ("Такахаши", "タカハシ"), ("Судзки", "スズキ"), ("Ватанабев", "ワタナベ"), ("Kимурa", "キムラ"),
]  # fmt: skip


@pytest.mark.parametrize(("spelling", "kana"), CLERK_SPELLINGS)
def test_it_matches_a_family_reading_with_a_clerk_spelling(spelling, kana):
    score, reading = best_similarity(kana, spelling)
    assert score >= 0.85, (score, reading)
    assert phonetic_key(kana) in phonetic_keys_for_cyrillic(spelling) or score >= 0.9


def test_it_prefers_the_right_name_over_a_near_one():
    assert best_similarity("サトウ", "Сато")[0] > best_similarity("サイトウ", "Сато")[0]
    assert best_similarity("ヤマモト", "Сато")[0] < 0.5


def test_it_returns_few_keys_for_a_spelling():
    for spelling, _kana in CLERK_SPELLINGS:
        keys = phonetic_keys_for_cyrillic(spelling)
        assert 1 <= len(keys) <= 4
    assert phonetic_keys_for_cyrillic("") == frozenset()


@pytest.mark.parametrize(
    "kana", ["サトウ", "シンイチ", "キヨシ", "ハットリ", "ジュンイチ", "ショウジ", "イノウエ"]
)
def test_it_finds_the_polivanov_spelling_key(kana):
    assert phonetic_key(kana) in phonetic_keys_for_cyrillic(kana_to_cyrillic(kana))
