"""Clerks: each has a habit profile from the name library plus quirks of their own.

The quirks are habits the name library does not model, so data made here also tests matching on
spellings the library's authors did not write rules for: Russian vowel reduction (Кобаяси →
Кабаяси), a typewriter without ё (Кёси → Кеси), a Ukrainian г for х (Хироси → Гироси), тс for ц,
у for ю, a Russian -ий ending, эй/ей heard as е, hyphenated syllables, names in capitals.

Spellings are drawn through a small per-(reading, habit) pool that fills up as the same reading
comes back, so common names cost a list lookup instead of a regex pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.names import CLERK_HABITS, clerk_spelling

POOL = 12


def _one(s: str, rng, old: str, new: str) -> str:
    spots = [i for i in range(len(s)) if s.startswith(old, i)]
    if not spots:
        return s
    i = spots[int(rng.random() * len(spots))]
    return s[:i] + new + s[i + len(old) :]


def akanye(s, rng):
    inner = s[1:-1]
    if "о" not in inner:
        return s
    return s[0] + _one(inner, rng, "о", "а") + s[-1]


def no_yo(s, rng):
    return s.replace("ё", "е").replace("Ё", "Е")


def ukrainian_h(s, rng):
    return s.replace("Х", "Г").replace("х", "г")


def ts_for_ts(s, rng):
    return s.replace("ц", "тс").replace("Ц", "Тс")


def u_for_yu(s, rng):
    return _one(s, rng, "ю", "у")


def russian_ending(s, rng):
    return s + "й" if s.endswith("и") else s


def ei_as_e(s, rng):
    return s.replace("эй", "е").replace("ей", "е")


def hyphenated(s, rng):
    return s.replace("ъ", "-")


def capitals(s, rng):
    return s.upper()


QUIRKS = (
    (akanye, 0.5), (no_yo, 0.9), (ukrainian_h, 0.7), (ts_for_ts, 0.6), (u_for_yu, 0.5), (russian_ending, 0.3),
    (ei_as_e, 0.6), (hyphenated, 0.8), (capitals, 0.9),
)  # fmt: skip


@dataclass(frozen=True)
class Clerk:
    habit: str
    quirks: tuple[tuple[object, float], ...]


def hire(rng) -> Clerk:
    """A clerk: one library habit profile, and each quirk with a one-in-six chance."""
    habit = rng.choices(CLERK_HABITS, weights=[4 if h == "polivanov" else 2 for h in CLERK_HABITS])[0]
    quirks = tuple((fn, p) for fn, p in QUIRKS if rng.random() < 1 / 6)
    return Clerk(habit, quirks)


class Speller:
    def __init__(self):
        self.pools: dict[tuple[str, str], list[str]] = {}

    def spell(self, katakana: str, clerk: Clerk, rng) -> str:
        """How this clerk writes a reading this time."""
        pool = self.pools.setdefault((katakana, clerk.habit), [])
        if len(pool) < POOL:
            spelled = clerk_spelling(katakana, rng, clerk.habit)
            pool.append(spelled)
        else:
            spelled = pool[int(rng.random() * POOL)]
        for quirk, p in clerk.quirks:
            if rng.random() < p:
                spelled = quirk(spelled, rng)
        return spelled
