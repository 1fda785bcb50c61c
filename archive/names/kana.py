"""Kana normalisation and script detection (pure functions, no Django)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jaconv

__all__ = [
    "fold_kana",
    "is_cyrillic",
    "is_kana",
    "is_kanji",
    "is_latin",
    "to_katakana",
]

_SEPARATORS = re.compile(r"[\s\u3000・･·\u30fb\u00b7\-‐‑–—=＝]+")
_KANA_RE = re.compile(r"^[\u30a1-\u30fa\u30fc\u30fd\u30fe]+$")
_CYRILLIC_RE = re.compile(r"^[\u0400-\u04ff'’ʼ.\-]+$")
_LATIN_RE = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff'’.\-]+$")
_KANJI_RE = re.compile(r"^[\u3005\u3006\u30f6\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002ffff]+$")


@lru_cache(maxsize=65536)
def to_katakana(text: str) -> str:
    """Hiragana, half-width and full-width kana to full-width katakana.

    Spaces, middle dots and hyphens are removed; the long-vowel mark ー is kept
    (half-width ｰ and a dash between kana become ー).
    """
    if not text:
        return ""
    if _KANA_RE.match(text):
        return text  # already full-width katakana (readings the lattice builds): nothing to convert
    s = jaconv.h2z(text, kana=True, ascii=False, digit=False)
    s = unicodedata.normalize("NFKC", s)
    s = jaconv.hira2kata(s)
    s = s.replace("〜", "ー").replace("～", "ー")
    # a dash written between two kana is a long-vowel mark, not a separator
    s = re.sub(r"(?<=[\u30a1-\u30fa])[-‐‑–—−](?=[\u30a1-\u30fa]|$)", "ー", s)
    return _SEPARATORS.sub("", s)


def _strip(text: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or ""))


def is_kana(text: str) -> bool:
    """True if the text (after stripping spaces) is hiragana/katakana only."""
    s = _strip(text)
    return bool(s) and bool(_KANA_RE.match(jaconv.hira2kata(s)))


def is_cyrillic(text: str) -> bool:
    s = _strip(text)
    return bool(s) and bool(_CYRILLIC_RE.match(s)) and any("\u0400" <= c <= "\u04ff" for c in s)


def is_latin(text: str) -> bool:
    s = _strip(text)
    return bool(s) and bool(_LATIN_RE.match(s)) and any(c.isalpha() for c in s)


def is_kanji(text: str) -> bool:
    """True for a name written in kanji (々 and ヶ allowed, kana not)."""
    s = _strip(text)
    return bool(s) and bool(_KANJI_RE.match(s))


_SMALL_TO_LARGE = str.maketrans("ァィゥェォヵヶヮ", "アイウエオカケワ")
_VOWEL_OF: dict[str, str] = {}
for _row, _v in (
    ("アカサタナハマヤラワガザダバパャヵ", "ア"),
    ("イキシチニヒミリギジヂビピヰ", "イ"),
    ("ウクスツヌフムユルグズヅブプュヴ", "ウ"),
    ("エケセテネヘメレゲゼデベペヱヶ", "エ"),
    ("オコソトノホモヨロヲゴゾドボポョ", "オ"),
):
    for _k in _row:
        _VOWEL_OF[_k] = _v
_FOLD_PAIRS = {
    ("オ", "ウ"),
    ("オ", "オ"),
    ("ウ", "ウ"),
    ("エ", "イ"),
    ("エ", "エ"),
    ("イ", "イ"),
    ("ア", "ア"),
}
_BASIC = str.maketrans({"ヂ": "ジ", "ヅ": "ズ", "ヲ": "オ", "ヰ": "イ", "ヱ": "エ", "ヴ": "ブ"})


def vowel_of(kana: str) -> str | None:
    """The vowel (ア イ ウ エ オ) a katakana character ends in, or None."""
    return _VOWEL_OF.get(kana)


# What fold_kana does to each letter first: ヂ → ジ ..., ッ and ー dropped, small vowels full size.
_FOLD_LETTERS: dict[int, str | int | None] = {**_BASIC, ord("ッ"): None, ord("ー"): None, **_SMALL_TO_LARGE}
_HAS_FOLD_LETTER = re.compile(f"[{''.join(chr(k) for k in _FOLD_LETTERS)}]")  # most readings have none
# A run of vowels that lengthens the letter before it (カア, コウ, コオ, ケイ, キイ ...): a letter's
# vowel decides which vowels after it are length marks; a removed one never lengthens another.
_LENGTHENING = re.compile(
    "|".join(
        f"(?<=[{''.join(k for k, v in _VOWEL_OF.items() if v == vowel)}])"
        f"[{''.join(sorted(ch for v, ch in _FOLD_PAIRS if v == vowel))}]+"
        for vowel in "アイウエオ"
    )
)


@lru_cache(maxsize=262144)
def fold_kana(katakana: str) -> str:
    """Key form of a katakana reading.

    Long vowels are folded (ー dropped; オウ, オオ → オ; ウウ → ウ; エイ, エエ → エ;
    イイ → イ; アア → ア), ッ is dropped, ヂ → ジ, ヅ → ズ, ヲ → オ. Small ャュョ are
    kept as they make a different syllable (キョ is not キヨ); other small vowels
    (ァィゥェォ) become full size, so ティ and テイ fold alike.
    """
    # Readings from the lattice are katakana already (to_katakana would return them as they are).
    s = katakana if _KANA_RE.match(katakana) else to_katakana(katakana)
    if _HAS_FOLD_LETTER.search(s):  # translate() with a table is slow: only when there is work
        s = s.translate(_FOLD_LETTERS)
    return _LENGTHENING.sub("", s)
