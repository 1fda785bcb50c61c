"""Readings of kanji names: the name dataset first, pykakasi as a fallback."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, Literal

from .kana import to_katakana
from .lexicon import given_index, surname_index

__all__ = ["readings_for_kanji"]

_DATASET_SHARE = 0.9  # probability mass given to dataset readings; the rest to pykakasi


@lru_cache(maxsize=1)
def _kakasi() -> Any:  # pykakasi has no type hints
    import pykakasi

    return pykakasi.kakasi()


def _kakasi_reading(kanji: str) -> str:
    """pykakasi's reading of the whole name, or "" when it leaves kanji unread."""
    kata = to_katakana("".join(part["kana"] for part in _kakasi().convert(kanji)))
    return kata if kata and all("\u30a1" <= c <= "\u30fc" for c in kata) else ""


# old and variant forms common in family registers → the form the dataset uses
_VARIANTS = str.maketrans(
    {"髙": "高", "﨑": "崎", "嵜": "崎", "邊": "辺", "邉": "辺", "澤": "沢", "濱": "浜", "齋": "斎", "齊": "斉",
     "廣": "広", "國": "国", "眞": "真", "櫻": "桜", "惠": "恵", "德": "徳", "藏": "蔵", "壽": "寿", "榮": "栄",
     "實": "実", "與": "与", "淺": "浅", "冨": "富", "槇": "槙", "曻": "昇", "彌": "弥", "龜": "亀", "圓": "円"}
)  # fmt: skip


def _from_dataset(kanji: str, part: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    if part == "surname":
        for kata, count in surname_index().get(kanji, ()):
            weights[kata] = weights.get(kata, 0.0) + float(count)
    else:
        for kata, w in given_index().get(kanji, {}).items():
            weights[kata] = weights.get(kata, 0.0) + w
    return weights


@lru_cache(maxsize=65536)
def _readings(kanji: str, part: str) -> tuple[tuple[str, float], ...]:
    own = _from_dataset(kanji, part)
    if not own and kanji.translate(_VARIANTS) != kanji:
        return _readings(kanji.translate(_VARIANTS), part)
    other = _from_dataset(kanji, "given" if part == "surname" else "surname")
    guess = _kakasi_reading(kanji) or _kakasi_reading(kanji.translate(_VARIANTS))
    if guess in own:
        own[guess] *= 4.0  # the dictionary reading of this spelling is the likeliest
    scores: dict[str, float] = {}
    total = sum(own.values())
    for kata, w in own.items():
        scores[kata] = 0.8 * w / total
    other_total = sum(other.values())
    if other_total:
        share = 0.1 if total else 0.5
        for kata, w in other.items():
            scores[kata] = scores.get(kata, 0.0) + share * w / other_total
    if guess and guess not in scores:
        scores[guess] = 1.0 - _DATASET_SHARE if scores else 0.9
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple((k, round(w, 4)) for k, w in ranked if w > 0.0005)


def readings_for_kanji(kanji: str, part: Literal["surname", "given"]) -> list[tuple[str, float]]:
    """Plausible katakana readings of a kanji surname or given name, best first.

    Weights sum to at most 1. Dataset readings (most common first) take most of the
    weight; pykakasi's reading is added for names the dataset does not know.
    """
    if part not in ("surname", "given"):
        raise ValueError(f"part must be 'surname' or 'given', not {part!r}")
    key = unicodedata.normalize("NFKC", kanji or "").replace(" ", "").replace("\u3000", "")
    if not key:
        return []
    return list(_readings(key, part))
