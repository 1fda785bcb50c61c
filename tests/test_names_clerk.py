"""Simulated clerk spellings: deterministic, plausible, and readable back by the library."""

import random

import pytest

from archive.names import (
    CLERK_HABITS,
    best_similarity,
    clerk_spelling,
    cyrillic_to_katakana,
    is_cyrillic,
    kana_to_cyrillic,
    katakana_noise,
    name_similarity,
)

pytestmark: list = []

READINGS = ["サトウ", "シミズ", "イチロウ", "カズオ", "キヨシ", "ヨシダ", "ハットリ", "シンイチ", "ケイジ", "フクダ",
            "ワタナベ", "ヤマシタ", "タカハシ", "スズキ", "マツモト", "ジュンイチ", "ショウジ", "イノウエ"]  # fmt: skip


def test_it_is_deterministic_for_a_seed():
    a = [clerk_spelling(k, random.Random(7), "by_ear") for k in READINGS]
    b = [clerk_spelling(k, random.Random(7), "by_ear") for k in READINGS]
    assert a == b


def test_it_writes_polivanov_most_of_the_time_for_a_polivanov_clerk():
    rng = random.Random(1)
    same = sum(clerk_spelling(k, rng, "polivanov") == kana_to_cyrillic(k) for k in READINGS * 5)
    assert same >= 0.6 * len(READINGS) * 5


def test_it_shows_english_like_habits():
    rng = random.Random(2)
    spellings = " ".join(clerk_spelling(k, rng, "english_like") for k in READINGS * 3)
    assert "ши" in spellings.lower() and "чи" in spellings.lower() and "дж" in spellings.lower()


@pytest.mark.parametrize("habit", CLERK_HABITS)
def test_it_produces_cyrillic_that_the_reader_recovers(habit):
    rng = random.Random(11)
    found = 0
    total = 0
    for kana in READINGS * 4:
        spelling = clerk_spelling(kana, rng, habit)
        assert spelling[:1].isupper()
        total += 1
        if kana in cyrillic_to_katakana(spelling) or best_similarity(kana, spelling)[0] >= 0.85:
            found += 1
    assert found / total >= (0.85 if habit == "careless" else 0.97)  # careless clerks lose letters


def test_it_refuses_an_unknown_habit():
    with pytest.raises(ValueError):
        clerk_spelling("サトウ", random.Random(0), "drunk")


def test_it_makes_ministry_katakana_noise_that_stays_close():
    rng = random.Random(5)
    noisy = [katakana_noise(k, rng) for k in READINGS]
    assert sum(n != k for n, k in zip(noisy, READINGS, strict=True)) >= len(READINGS) * 0.6
    assert all(name_similarity(n, k) >= 0.6 for n, k in zip(noisy, READINGS, strict=True))
    assert "キオシ" in {katakana_noise("キヨシ", random.Random(seed)) for seed in range(20)}
    assert "ケージ" in {katakana_noise("ケイジ", random.Random(seed)) for seed in range(20)}


def test_it_keeps_clerk_spellings_cyrillic_except_rare_typewriter_slips():
    rng = random.Random(3)
    spellings = [clerk_spelling(k, rng) for k in READINGS * 5]
    assert sum(is_cyrillic(s) for s in spellings) >= 0.95 * len(spellings)
