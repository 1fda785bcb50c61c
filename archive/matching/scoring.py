"""Scoring one archive record against an inquiry's facts, field by field, with reasons.

Every field gives a score in [0, 1] and a note; a field missing on either side is neutral.
The combined score is a weighted geometric mean, so one strong contradiction (a birth year
five years off, another prefecture) pulls a good name match down instead of being averaged away.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from archive.names import Profile, profile, profile_similarity

from .facts import Facts

NEUTRAL = 0.6
# Weights of the geometric mean; the name decides most, birth year and place separate namesakes.
WEIGHTS = {"name": 4.0, "birth_year": 1.6, "prefecture": 1.1, "unit": 0.4}
SWAP_PENALTY = 0.94
LIKELY, POSSIBLE = 0.72, 0.45


def band(score: float) -> str:
    return "likely" if score >= LIKELY else "possible" if score >= POSSIBLE else "unlikely"


@dataclass
class RecordView:
    """The fields of a record that scoring reads (from one `values()` query)."""

    id: int
    source_id: str
    surname_spelling_id: int | None
    given_spelling_id: int | None
    birth_year: int | None
    prefecture: str
    unit_cyr: str
    surname_cyr: str = ""
    given_name_cyr: str = ""
    surname_reading: str = ""
    given_name_reading: str = ""
    death_year: int | None = None
    camp_id: int | None = None


@dataclass
class Scored:
    """One record's score; the per-field detail is written out only for the records shown."""

    record: RecordView
    score: float
    swapped: bool
    parts: tuple  # (surname (score, ours, theirs), given (...), birth, prefecture, unit, facts)
    contradictions: list[str] = field(default_factory=list)

    @property
    def fields(self) -> dict:
        surname, given, birth, place, unit, facts = self.parts
        return {
            "surname": {"score": round(surname[0], 3), "ours": surname[1], "theirs": surname[2]},
            "given": {"score": round(given[0], 3), "ours": given[1], "theirs": given[2]},
            "birth_year": {"score": birth, "ours": facts.birth_year, "theirs": self.record.birth_year},
            "prefecture": {"score": place, "ours": facts.prefecture, "theirs": self.record.prefecture},
            "unit": {"score": unit, "ours": facts.unit, "theirs": self.record.unit_cyr},
        }


READINGS_COMPARED = 6


def reading_similarity(
    query: list[tuple[str, float]], readings: tuple[str, ...], profiles: tuple[Profile, ...]
) -> tuple[float, str, str]:
    """Best agreement between the inquiry's readings and a spelling's readings: (score, ours, theirs)."""
    best = (0.0, "", "")
    for ours, weight in query:
        prior = 0.85 + 0.15 * weight
        mine = profile(ours)
        for rank, (theirs, other) in enumerate(zip(readings, profiles, strict=False)):
            sim = profile_similarity(mine, other)
            if sim < 0.85 and len(other.folded) >= 2 and mine.folded.startswith(other.folded):
                sim = max(sim, 0.86)  # a given name cut short: Кадзу for Кадзуо
            sim *= prior * (1.0 - min(0.1, 0.025 * rank))
            if sim > best[0]:
                best = (sim, ours, theirs)
    return best


def birth_score(facts: Facts, year: int | None) -> tuple[float, str | None]:
    if facts.birth_year is None or year is None:
        return NEUTRAL, None
    diff = abs(facts.birth_year - year)
    slack = 1 if facts.birth_approximate else 0
    if diff <= slack:
        return 1.0, None
    if diff == 1 + slack:
        return 0.85, None
    if diff == 2 + slack:
        return 0.45, None
    return 0.08, "birth_year"


def prefecture_score(facts: Facts, prefecture: str) -> tuple[float, str | None]:
    if not facts.prefecture or not prefecture:
        return NEUTRAL, None
    if facts.prefecture == prefecture:
        return 1.0, None
    return 0.3, "prefecture"


_NUMBER = re.compile(r"\d+")


def unit_score(facts: Facts, unit_cyr: str) -> float:
    ours, theirs = set(_NUMBER.findall(facts.unit)), set(_NUMBER.findall(unit_cyr))
    if not ours or not theirs:
        return NEUTRAL
    return 1.0 if ours & theirs else 0.35


def combine(parts: dict[str, float]) -> float:
    total = sum(WEIGHTS.values())
    log = sum(WEIGHTS[name] * math.log(max(value, 1e-6)) for name, value in parts.items())
    return math.exp(log / total)
