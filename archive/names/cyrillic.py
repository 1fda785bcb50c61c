"""Cyrillic spellings of Japanese names ↔ katakana (pure, no Django).

`kana_to_cyrillic` writes Polivanov (see polivanov.py). `cyrillic_to_katakana`
reads what Soviet clerks actually wrote: it builds a lattice of Cyrillic
substrings → kana pieces with costs for each clerk habit (е for э, ши for си,
чи for ти, з/дж/ж for дз, йо/ио for ё, dropped or doubled vowels and
consonants, voicing slips, Latin look-alikes, Russified endings), takes the
cheapest paths and re-ranks them by how common the reading is as a real name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Literal

from . import _cyr_tables as T
from .kana import fold_kana
from .lexicon import bonus_table
from .polivanov import kana_to_cyrillic
from .romaji import kana_to_romaji, romaji_to_katakana

__all__ = ["cyrillic_to_katakana", "kana_to_cyrillic", "normalise_cyrillic", "scored_readings"]

_BEAM = 12
_POOL = 40
_NON_LETTER = re.compile(r"[^\u0400-\u04ff\s]+")
_SPACES = re.compile(r"[\s\-‐‑–—_.,/]+")
_HAS_CYR = re.compile(r"[\u0400-\u04ff]")
_ENDINGS = (("ов", "", 0.8), ("ев", "", 0.8), ("ий", "и", 0.6), ("ый", "и", 0.7), ("ой", "о", 0.9))
_ONSET_KEYS = sorted(T.ONSETS, key=len, reverse=True)
_VOWEL_KEYS = sorted(T.VOWELS, key=len, reverse=True)
_BARE_KEYS = sorted(T.BARE, key=len, reverse=True)


def _by_first_letter(keys: list[str]) -> dict[str, list[str]]:
    """Keys grouped by their first letter (longest first), so only keys that can match are tried."""
    grouped: dict[str, list[str]] = {}
    for key in keys:
        grouped.setdefault(key[0], []).append(key)
    return grouped


_ONSETS_AT = _by_first_letter(_ONSET_KEYS)
_VOWELS_AT = _by_first_letter(_VOWEL_KEYS)
_BARE_AT = _by_first_letter(_BARE_KEYS)
_VOWEL_OF_KANA: dict[str, str] = {}
for (_c, _v), _k in T.SYL.items():
    _VOWEL_OF_KANA.setdefault(_k[-1], _v[-1])
_CLUSTER_NEXT = {"д": "зж", "т": "сшцз"}  # дз, дж, тс, тш, тц are one sound, not д + lost vowel
_BAD = re.compile(r"^[ンッ]|ッ$|ッ[ンッアイウエオヤユヨ]")


@lru_cache(maxsize=65536)
def normalise_cyrillic(s: str) -> str:
    """Lower-case Cyrillic with Latin look-alikes mapped, stress marks and punctuation removed.

    ё is kept as ё. Hyphens and runs of spaces become one space.
    """
    s = unicodedata.normalize("NFC", (s or "").replace("\u0301", "").replace("\u0300", ""))
    if _HAS_CYR.search(s):
        s = s.translate(T.LOOKALIKES)
    s = s.casefold().replace("ё", "ё")
    s = _SPACES.sub(" ", s)
    s = _NON_LETTER.sub("", s)
    return " ".join(s.split())


def _edges(s: str) -> list[list[tuple[int, str, float]]]:
    n = len(s)
    edges: list[list[tuple[int, str, float]]] = [[] for _ in range(n)]
    for i in range(n):
        out = edges[i]
        ch = s[i]
        prev_vowel = i > 0 and s[i - 1] in T.VOWEL_LETTERS
        for o in _ONSETS_AT.get(ch, ()):
            if not s.startswith(o, i):
                continue
            j0 = i + len(o)
            matched_vowel = False
            for v in _VOWELS_AT.get(s[j0 : j0 + 1], ()):
                if not s.startswith(v, j0):
                    continue
                matched_vowel = True
                for cls, c1 in T.ONSETS[o]:
                    if o == "у" and v != "а":
                        continue
                    for vow, c2 in T.VOWELS[v]:
                        kana = T.SYL.get((cls, vow))
                        if kana is None:
                            continue
                        cost = c1 + c2
                        j = j0 + len(v)
                        out.append((j, kana, cost))
                        for extra, c3 in T.LONG_AFTER.get(vow[-1], ()):
                            out.append((j, kana + extra, cost + c3))
                        if prev_vowel and cls in T.VOICELESS_CLASSES:
                            out.append((j, "ッ" + kana, cost + 0.7))
            if not matched_vowel and o not in ("й", "у") and s[j0 : j0 + 1] not in _CLUSTER_NEXT.get(o, ""):
                # a consonant with its vowel lost (Саски, Мацмото, Тадаш)
                for cls, c1 in T.ONSETS[o]:
                    for vow, c2 in (("u", 0.6), ("i", 0.5 if cls in ("sh", "ch", "j") else 0.8)):
                        kana = T.SYL.get((cls, vow))
                        if kana:
                            out.append((j0, kana, c1 + c2))
        for b in _BARE_AT.get(ch, ()):
            if s.startswith(b, i):
                for kana, cost in T.BARE[b]:
                    out.append((i + len(b), kana, cost))
                    for extra, c3 in T.LONG_AFTER.get(_VOWEL_OF_KANA.get(kana[-1], ""), ()):
                        out.append((i + len(b), kana + extra, cost + c3))
        nxt = s[i + 1] if i + 1 < n else ""
        prev = s[i - 1] if i > 0 else ""
        if ch == "о" and prev and prev in "оё":
            out.append((i + 1, "ウ", 0.15))  # Сатоо
        if ch == prev and ch in T.DOUBLED_VOWEL:
            out.append((i + 1, "", T.DOUBLED_VOWEL[ch]))  # Кадзуоо: a doubled letter marks length
        if prev == "и" and ch in T.AFTER_I:
            out.append((i + 1, T.AFTER_I[ch], 0.45))  # Киоси for Киёси
        if ch == "н":
            if nxt == "н" and i + 2 < n and s[i + 2] in T.VOWEL_LETTERS:
                out.append((i + 2, "ン", 0.3))  # Синнити
            if nxt in T.SOFT and i + 2 < n and s[i + 2] in T.VOWEL_LETTERS:
                out.append((i + 2, "ン", 0.0))
            elif nxt in T.VOWEL_LETTERS or nxt == "й":
                out.append((i + 1, "ン", 0.5))  # Кенити for Кэнъити
            else:
                out.append((i + 1, "ン", 0.0))
        elif ch == "м":
            if not nxt or nxt not in T.VOWEL_LETTERS:
                out.append((i + 1, "ン", 0.1 if nxt and nxt in "бпм" else 0.9))
        if ch in T.GEMINATE and nxt and nxt in T.GEMINATE[ch]:
            out.append((i + 1, "ッ", 0.0 if ch in "кстпшцчф" else 0.4))
        if ch in T.SOFT:
            out.append((i + 1, "", 0.05))
        if not out:
            out.append((i + 1, "", 1.0))  # a letter we cannot read
    return edges


def _lattice(s: str, base: float) -> list[tuple[float, str]]:
    n = len(s)
    if n == 0:
        return []
    edges = _edges(s)
    best: list[dict[str, float]] = [{} for _ in range(n + 1)]
    best[0][""] = base
    for i in range(n):
        here = best[i]
        if not here:
            continue
        if len(here) > _BEAM:
            kept = sorted(here.items(), key=lambda kv: kv[1])[:_BEAM]
        else:
            kept = list(here.items())
        for j, kana, cost in edges[i]:
            target = best[j]
            get = target.get
            for prefix, c0 in kept:
                key = prefix + kana
                total = c0 + cost
                old = get(key)
                if old is None or total < old:
                    target[key] = total
    return sorted(((c, k) for k, c in best[n].items()), key=lambda ck: ck[0])[:_POOL]


@lru_cache(maxsize=131072)
def scored_readings(cyr: str) -> tuple[tuple[str, float], ...]:
    """All candidate readings with a score in [0, 1] (higher is better), best first."""
    s = normalise_cyrillic(cyr).replace(" ", "")
    if not s:
        return ()
    if not _HAS_CYR.search(s):
        kana = romaji_to_katakana(s)
        return ((kana, 1.0),) if kana else ()
    pool: dict[str, float] = {}
    variants = [(s, 0.0)]
    for end, repl, cost in _ENDINGS:
        if s.endswith(end) and len(s) > len(end) + 2:
            variants.append((s[: -len(end)] + repl, cost))
    bad = _BAD.search
    bonus = bonus_table().get  # reading_bonus, looked up without a call per reading
    for text, base in variants:
        for cost, kana in _lattice(text, base):
            if not kana or bad(kana):
                continue
            score = cost - 0.7 * bonus(kana, 0.0)
            old = pool.get(kana)
            if old is None or score < old:
                pool[kana] = score
    ranked = sorted(pool.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))
    return tuple((k, max(0.0, min(1.0, 1.0 - (c + 0.9) / 4.0))) for k, c in ranked)


@lru_cache(maxsize=131072)
def _readings(cyr: str, limit: int) -> tuple[str, ...]:
    ranked = [k for k, _ in scored_readings(cyr)]
    seen: Counter[str] = Counter()
    first: list[str] = []
    rest: list[str] = []
    for kana in ranked:
        key = fold_kana(kana)
        (first if seen[key] < 3 else rest).append(kana)
        seen[key] += 1
        if len(first) == limit:  # nothing later can come before these
            break
    return tuple((first + rest)[:limit])


def cyrillic_to_katakana(cyr: str, limit: int = 8) -> list[str]:
    """Candidate katakana readings of a Cyrillic spelling, best first (at most `limit`).

    At most three spellings per folded form come before any third one, so long-vowel
    variants (サトウ, サト, サトオ) do not crowd out a different name.
    """
    return list(_readings(cyr, limit))


def cyrillic_to_romaji(cyr: str, long_vowels: Literal["fold", "keep"] = "fold") -> str:
    """Hepburn of the best reading of a Cyrillic spelling: Синъити → "shinichi"."""
    readings = cyrillic_to_katakana(cyr, limit=1)
    return kana_to_romaji(readings[0], long_vowels) if readings else ""
