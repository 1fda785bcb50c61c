"""Phonetic keys for blocking and a clerk-tolerant similarity of two readings.

`phonetic_key` is a short Latin consonant-vowel skeleton of a katakana reading in
which the differences a Soviet clerk's ear blurred are folded away:

- long vowels and ッ are dropped (サトウ = サト = サトー = サトオ; ハットリ = ハトリ);
- voicing is folded: カ/ガ → K, サ/ザ/シ/ジ/ヂ → S, タ/ダ/テ/デ/ト/ド → T, ハ/ヒ/ヘ/ホ/フ → H,
  バ/パ → P (б/п slips), so Кадзуо/Кацуо-style voice errors still block together;
  チ (and ティ) → C, ツ/ヅ → Z (ツ is kept apart from ス: Кацуо ≠ Касуо);
- a consonant + イ + ヤ/ユ/ヨ equals the contracted syllable (キヨシ = キョシ), matching
  the clerks' ё / йо / ио / иё confusion;
- ン is N, so シンイチ = シニチ (Синити written without ъ).

Deliberate non-collisions: vowels are kept (サトウ ≠ サイトウ, カトウ ≠ ゴトウ since
a ≠ o), and so is the number of morae apart from long vowels. Deliberate collisions:
カトウ = カドウ, キヨシ = キョシ, シミズ = シミツ is NOT one (ズ→S, ツ→Z).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Indel, JaroWinkler

from .cyrillic import scored_readings
from .kana import fold_kana, to_katakana
from .polivanov import split_morae

__all__ = [
    "Profile",
    "best_similarity",
    "name_similarity",
    "phonetic_key",
    "phonetic_keys_for_cyrillic",
    "profile",
    "profile_similarity",
]

_CONS = {}
for _row, _c in (
    ("カキクケコガギグゲゴ", "K"), ("サシスセソザジズゼゾ", "S"), ("タテトダデド", "T"), ("チ", "C"), ("ツ", "Z"),
    ("ナニヌネノ", "N"), ("ハヒフヘホ", "H"), ("バビブベボパピプペポヴ", "P"), ("マミムメモ", "M"),
    ("ヤユヨ", "Y"), ("ラリルレロ", "R"), ("ワ", "W"),
):  # fmt: skip
    for _k in _row:
        _CONS[_k] = _c
_VOW = {}
for _row, _v in (
    ("アカサタナハマヤラワガザダバパ", "A"), ("イキシチニヒミリギジビピ", "I"), ("ウクスツヌフムユルグズブプヴ", "U"),
    ("エケセテネヘメレゲゼデベペ", "E"), ("オコソトノホモヨロゴゾドボポ", "O"),
):  # fmt: skip
    for _k in _row:
        _VOW[_k] = _v
_SMALL = {"ャ": "A", "ュ": "U", "ョ": "O"}
_CODES: dict[str, str] = {}


@lru_cache(maxsize=131072)
def _morae(katakana: str) -> tuple[str, ...]:
    """Folded mora tokens: KA, SYO (シャ/ジャ/キヨ alike), N, O ..."""
    s = fold_kana(katakana.replace("ティ", "チ").replace("ディ", "ジ"))
    out: list[str] = []
    for mora in split_morae(s):
        head, tail = mora[0], mora[1:]
        if head == "ン":
            out.append("N")
        elif tail and tail[0] in _SMALL and head in _CONS:
            out.append(_CONS[head] + "Y" + _SMALL[tail[0]])
        elif head in "ヤユヨ" and out and len(out[-1]) == 2 and out[-1][1] == "I":
            out[-1] = out[-1][0] + "Y" + _VOW[head]  # キヨ = キョ (Кийоси / Киёси / Кёси)
        elif head in _CONS:
            out.append(_CONS[head] + _VOW[head])
        elif head in _VOW:
            out.append(_VOW[head])
    return tuple(out)


def _encode(morae: tuple[str, ...]) -> str:
    """One character per mora, so distances count whole syllables."""
    return "".join(_CODES.setdefault(m, chr(0xE000 + len(_CODES))) for m in morae)


@lru_cache(maxsize=131072)
def phonetic_key(katakana: str) -> str:
    """Folded key for blocking; the same for the usual clerk variants of one reading."""
    return "".join(_morae(to_katakana(katakana)))


@lru_cache(maxsize=131072)
def phonetic_keys_for_cyrillic(cyr: str) -> frozenset[str]:
    """Keys of the top candidate readings of a Cyrillic spelling (at most 4)."""
    keys: list[str] = []
    readings = scored_readings(cyr)[:16]
    for kana, score in readings:
        if score < readings[0][1] - 0.25:
            break
        key = phonetic_key(kana)
        if key and key not in keys:
            keys.append(key)
            if len(keys) == 4:
                break
    return frozenset(keys)


class Profile(NamedTuple):
    """What similarity compares of one reading, computed once per reading."""

    folded: str  # fold_kana of the reading
    key: str  # phonetic_key
    morae: str  # the folded morae, one character each


@lru_cache(maxsize=262144)
def profile(katakana: str) -> Profile:
    kana = to_katakana(katakana)
    return (
        Profile(fold_kana(kana), phonetic_key(kana), _encode(_morae(kana))) if kana else Profile("", "", "")
    )


def profile_similarity(a: Profile, b: Profile) -> float:
    """`name_similarity` of two readings' profiles (fast: a few C calls, nothing recomputed)."""
    if not a.folded or not b.folded:
        return 0.0
    if a.folded == b.folded:
        return 1.0
    key_sim = (
        1.0
        if a.key == b.key
        else (
            0.5 * Indel.normalized_similarity(a.morae, b.morae)
            + 0.25 * Indel.normalized_similarity(a.key, b.key)
            + 0.25 * JaroWinkler.similarity(a.key, b.key)
        )
    )
    return round(0.85 * key_sim + 0.15 * Indel.normalized_similarity(a.folded, b.folded), 4)


@lru_cache(maxsize=262144)
def name_similarity(a_katakana: str, b_katakana: str) -> float:
    """Similarity of two readings in [0, 1], blind to long vowels, ッ, voicing and ё/йо.

    85% comes from the phonetic skeletons (Indel over morae, Indel and Jaro-Winkler
    over letters),
    15% from the folded kana, so an exact reading beats a voicing slip.
    """
    return profile_similarity(profile(a_katakana), profile(b_katakana))


@lru_cache(maxsize=262144)
def best_similarity(kana: str, cyrillic: str) -> tuple[float, str]:
    """Compare a family's reading with a Cyrillic spelling through its candidate readings.

    Returns (score, reading that agreed best). A reading far down the candidate list
    is discounted a little (at most 12%), so an unlikely reading cannot score 1.0.
    """
    target = to_katakana(kana)
    readings = scored_readings(cyrillic)[:24]
    if not target or not readings:
        return 0.0, ""
    top = readings[0][1]
    best = (0.0, readings[0][0])
    for reading, score in readings:
        discount = min(0.12, max(0.0, (top - score) * 0.3))
        sim = name_similarity(target, reading) * (1.0 - discount)
        if sim > best[0]:
            best = (round(sim, 4), reading)
    return best
