"""Katakana ↔ Hepburn romaji (lower case, no macrons) for display and search (Cyrillic → romaji\nis archive.names.cyrillic.cyrillic_to_romaji)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from .kana import to_katakana
from .lexicon import reading_bonus
from .polivanov import split_morae

__all__ = ["kana_to_romaji", "romaji_to_katakana"]

_ROWS = {
    "": "アイウエオ", "k": "カキクケコ", "s": "サシスセソ", "t": "タチツテト", "n": "ナニヌネノ", "h": "ハヒフヘホ",
    "m": "マミムメモ", "r": "ラリルレロ", "g": "ガギグゲゴ", "z": "ザジズゼゾ", "d": "ダヂヅデド",
    "b": "バビブベボ", "p": "パピプペポ",
}  # fmt: skip
_SPECIAL = {"シ": "shi", "チ": "chi", "ツ": "tsu", "フ": "fu", "ジ": "ji", "ヂ": "ji", "ヅ": "zu"}
HEPBURN: dict[str, str] = {}
for _c, _row in _ROWS.items():
    for _v, _k in zip("aiueo", _row, strict=True):
        HEPBURN[_k] = _SPECIAL.get(_k, _c + _v)
    if _c:
        _stem = {"s": "sh", "t": "ch", "z": "j", "d": "j"}.get(_c, _c + "y")
        for _small, _v in (("ャ", "a"), ("ュ", "u"), ("ョ", "o")):
            HEPBURN[_row[1] + _small] = _stem + _v
HEPBURN.update(
    {"ヤ": "ya", "ユ": "yu", "ヨ": "yo", "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n", "ヴ": "vu",
     "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ティ": "ti", "ディ": "di", "ファ": "fa", "フィ": "fi",
     "フェ": "fe", "フォ": "fo", "シェ": "she", "ジェ": "je", "チェ": "che", "ウィ": "wi", "ウェ": "we"}
)  # fmt: skip

_TO_KANA: dict[str, str] = {}
for _k, _r in sorted(HEPBURN.items(), key=lambda kr: len(kr[0]), reverse=True):
    _TO_KANA.setdefault(_r, _k)
_TO_KANA.update(
    {"si": "シ", "ti": "チ", "tu": "ツ", "hu": "フ", "zi": "ジ", "di": "ヂ", "du": "ヅ", "sya": "シャ", "syu": "シュ",
     "syo": "ショ", "tya": "チャ", "tyu": "チュ", "tyo": "チョ", "cya": "チャ", "cyu": "チュ", "cyo": "チョ",
     "zya": "ジャ", "zyu": "ジュ", "zyo": "ジョ", "jya": "ジャ", "jyu": "ジュ", "jyo": "ジョ", "ji": "ジ",
     "zu": "ズ", "wo": "ヲ", "va": "バ", "vi": "ビ", "ve": "ベ", "vo": "ボ", "la": "ラ", "li": "リ", "lu": "ル",
     "le": "レ", "lo": "ロ", "ca": "カ", "co": "コ", "cu": "ク", "qu": "ク", "ye": "イエ", "wi": "ウィ"}
)  # fmt: skip
_KEYS = sorted(_TO_KANA, key=len, reverse=True)
_MACRONS = {
    "ā": "aa",
    "ī": "ii",
    "ū": "uu",
    "ē": "ei",
    "ō": "ou",
    "â": "aa",
    "î": "ii",
    "û": "uu",
    "ê": "ei",
    "ô": "ou",
}


@lru_cache(maxsize=65536)
def kana_to_romaji(katakana: str, long_vowels: Literal["fold", "keep"] = "fold") -> str:
    """Hepburn, lower case: サトウ → "sato" (fold) or "satou" (keep); シンイチ → "shinichi"."""
    morae = split_morae(to_katakana(katakana))
    out: list[str] = []
    prev_v: str | None = None
    for i, m in enumerate(morae):
        nxt = morae[i + 1] if i + 1 < len(morae) else ""
        if m == "ー":
            if long_vowels == "keep" and out:
                out.append(out[-1][-1])
            continue
        if m == "ッ":
            follow = HEPBURN.get(nxt, "")
            out.append("t" if follow.startswith("ch") else follow[:1])
            prev_v = None
            continue
        r = HEPBURN.get(m, "")
        if long_vowels == "fold" and prev_v and r in ("u", "o") and prev_v in "ou" and prev_v + r != "uo":
            if not (prev_v == "o" and r == "u" and nxt and nxt in "アイウエオ"):
                continue  # ou, oo, uu → o, o, u (but イノウエ keeps its ウ)
        out.append(r)
        prev_v = r[-1] if r and r[-1] in "aiueo" and m != "ン" else None
    return "".join(out)


@lru_cache(maxsize=65536)
def romaji_to_katakana(latin: str) -> str:
    """Hepburn, Kunrei or passport romaji → katakana: "Satō", "Satou", "Satoh" → サトウ; "Sato" → サト.

    "Shinichi" is ambiguous (シニチ / シンイチ); the reading that is a known name wins.
    """
    plain = _parse(latin)
    if reading_bonus(plain) > 0:
        return plain
    s = latin.lower()
    for m in re.finditer(r"(?<=[aiueo])n(?=[aiueo])", s):
        alt = _parse(s[: m.start()] + "n'" + s[m.end() :])
        if reading_bonus(alt) > 0:
            return alt
    return plain


def _parse(latin: str) -> str:
    s = unicodedata.normalize("NFC", latin or "").lower()
    s = "".join(_MACRONS.get(c, c) for c in s)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"oh(?![aiueo])", "ou", s)  # passport Satoh, Itoh
    s = re.sub(r"[^a-z']", "", s)
    out: list[str] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "'":
            i += 1
            continue
        if ch in "nm" and (i + 1 == len(s) or s[i + 1] not in "aiueoy" or s[i + 1] == "'"):
            if ch == "n" or (i + 1 < len(s) and s[i + 1] in "bpm"):
                out.append("ン")
                i += 1
                continue
        if i + 1 < len(s) and ch == s[i + 1] and ch not in "aiueon":
            out.append("ッ")
            i += 1
            continue
        if ch == "t" and s.startswith("ch", i + 1):
            out.append("ッ")
            i += 1
            continue
        for key in _KEYS:
            if s.startswith(key, i):
                out.append(_TO_KANA[key])
                i += len(key)
                break
        else:
            i += 1  # a letter that is no part of any syllable
    return "".join(out)
