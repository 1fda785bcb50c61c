"""Hepburn romaji for display and for families who type their name in Latin letters."""

import pytest

from archive.names import cyrillic_to_romaji, kana_to_romaji, romaji_to_katakana

pytestmark: list = []

HEPBURN = [
    ("サトウ", "sato", "satou"), ("シンイチ", "shinichi", "shinichi"), ("ハットリ", "hattori", "hattori"),
    ("イノウエ", "inoue", "inoue"), ("キョウコ", "kyoko", "kyouko"), ("ジュンイチ", "junichi", "junichi"),
    ("オオタ", "ota", "oota"), ("ケイジ", "keiji", "keiji"), ("ユウジ", "yuji", "yuuji"), ("ツチヤ", "tsuchiya", "tsuchiya"),
    ("フジタ", "fujita", "fujita"), ("マッチ", "matchi", "matchi"), ("ちば", "chiba", "chiba"),
]  # fmt: skip


@pytest.mark.parametrize(("kana", "folded", "kept"), HEPBURN)
def test_it_writes_hepburn_with_or_without_long_vowels(kana, folded, kept):
    assert kana_to_romaji(kana) == folded
    assert kana_to_romaji(kana, long_vowels="keep") == kept


@pytest.mark.parametrize(
    ("latin", "kana"),
    [("Satou", "サトウ"), ("Satō", "サトウ"), ("Satoh", "サトウ"), ("Sato", "サト"), ("Hattori", "ハットリ"),
     ("Kyōko", "キョウコ"), ("Shinichi", "シンイチ"), ("shin'ichi", "シンイチ"), ("Kenichi", "ケンイチ"),
     ("Tsuchiya", "ツチヤ"), ("Inoue", "イノウエ"), ("Gumma", "グンマ"), ("Yoshida", "ヨシダ"), ("Tanaka", "タナカ")],
)  # fmt: skip
def test_it_reads_romaji_typed_by_families(latin, kana):
    assert romaji_to_katakana(latin) == kana


def test_it_romanises_a_cyrillic_spelling_through_its_best_reading():
    assert cyrillic_to_romaji("Синъити") == "shinichi"
    assert cyrillic_to_romaji("Сато", long_vowels="keep") == "satou"
    assert cyrillic_to_romaji("") == ""
