"""Kana normalisation and script detection."""

import pytest

from archive.names import fold_kana, is_cyrillic, is_kana, is_kanji, is_latin, to_katakana

pytestmark: list = []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("さとう", "サトウ"),
        ("ｻﾄｳ", "サトウ"),
        ("ｶﾞｯｺｳ", "ガッコウ"),
        ("サトー", "サトー"),
        ("ｻﾄｰ", "サトー"),
        ("さ と う", "サトウ"),
        ("サトウ・タロウ", "サトウタロウ"),
        ("やまだ　はなこ", "ヤマダハナコ"),
        ("しんいち", "シンイチ"),
    ],
)
def test_it_normalises_any_kana_to_full_width_katakana(raw, expected):
    assert to_katakana(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("サトウ", "サトー"),
        ("サトウ", "サト"),
        ("オオタ", "オータ"),
        ("ケイジ", "ケージ"),
        ("ハットリ", "ハトリ"),
        ("イイダ", "イーダ"),
        ("カズオ", "カヅオ"),
        ("フジタ", "フヂタ"),
        ("ユウジ", "ユージ"),
        ("キョウコ", "キョーコ"),
    ],
)
def test_it_folds_long_vowels_and_small_tsu(a, b):
    assert fold_kana(a) == fold_kana(b)


@pytest.mark.parametrize(
    ("reading", "folded"),
    [
        ("コウウ", "コ"),  # every vowel after a letter that it lengthens goes, not only the first
        ("カウウ", "カウ"),  # ウ after カ is a vowel of its own, and lengthens by the next ウ
        ("キイエ", "キエ"),  # エ after キ(イ) is not a length mark even after a dropped イ
        ("ショウオ", "ショ"),
        ("ティー", "テ"),  # ィ is read full size, and lengthens テ as in テイ
        ("ウオ", "ウオ"),
        ("ンア", "ンア"),
        ("ッー", ""),
        ("ゆうこ", "ユコ"),  # hiragana is read as katakana first
        ("", ""),
    ],
)
def test_it_folds_to_the_key_form(reading, folded):
    assert fold_kana(reading) == folded


@pytest.mark.parametrize(("a", "b"), [("キヨシ", "キョシ"), ("サトウ", "サイトウ"), ("オノ", "オオノウチ")])
def test_it_keeps_distinct_syllables_apart_when_folding(a, b):
    assert fold_kana(a) != fold_kana(b)


def test_it_detects_scripts():
    assert is_kana("さとう") and is_kana("ｻﾄｳ") and is_kana("サトー")
    assert not is_kana("佐藤")
    assert is_kanji("佐々木") and is_kanji("佐藤 一郎")
    assert not is_kanji("さとう")
    assert is_cyrillic("Сато Итиро") and is_cyrillic("Хигаси-сумиёси")
    assert not is_cyrillic("Sato")
    assert is_latin("Satō") and is_latin("Sato Ichiro")
    assert not is_latin("Сато")
    assert not (is_kana("") or is_kanji("") or is_cyrillic("") or is_latin(""))
