"""Synthetic internees: who they were, where they were held, whether and how they died."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from archive.names import PREFECTURES

from . import tables
from .pools import Pool, pick

_BIRTH_YEARS = tuple(range(1890, 1931))
_BIRTH_CUM = tuple(
    itertools.accumulate(
        0.3
        if y < 1900
        else 1.0
        if y < 1910
        else 3.0
        if y < 1915
        else 8.0
        if y <= 1925
        else 5.0
        if y <= 1927
        else 0.6
        for y in _BIRTH_YEARS
    )
)
_PREFS = tuple(p for p in PREFECTURES if p.kanji in tables.PREFECTURE_WEIGHTS)
_PREF_CUM = tuple(
    itertools.accumulate(
        tables.PREFECTURE_WEIGHTS[p.kanji] * tables.PREFECTURE_BOOST.get(p.kanji, 1.0) for p in _PREFS
    )
)
_RANK_VALUES = tuple(r for _w, r in tables.RANKS)
_RANK_CUM = tuple(itertools.accumulate(w for w, _r in tables.RANKS))
_UNIT_CUM = tuple(itertools.accumulate(w for w, _j, _c in tables.UNITS))
_CARDS = (1, 2, 3, 4, 5, 6, 7)
_CARDS_CUM = tuple(itertools.accumulate((40, 25, 16, 9, 5, 3, 2)))
_DEATH_YEARS = tuple(y for _w, y in tables.DEATH_YEARS)
_DEATH_CUM = tuple(itertools.accumulate(w for w, _y in tables.DEATH_YEARS))
_CAUSES = tuple(c for _w, c in tables.DEATH_CAUSES)
_CAUSE_CUM = tuple(itertools.accumulate(w for w, _c in tables.DEATH_CAUSES))
DEATH_RATE = 0.10


@dataclass(frozen=True)
class Camp:
    name: str
    region: str
    towns: tuple[str, ...]


def build_camps() -> tuple[tuple[Camp, ...], dict[str, list[int]], tuple[float, ...]]:
    """All camps, the camp indexes of each region, and cumulative weights over camps."""
    camps: list[Camp] = []
    by_region: dict[str, list[int]] = {}
    weights: list[float] = []
    for region, (weight, numbers, towns) in tables.REGIONS.items():
        for n in numbers:
            by_region.setdefault(region, []).append(len(camps))
            camps.append(Camp(f"Лагерь № {n}", region, towns))
            weights.append(weight / len(numbers))
    return tuple(camps), by_region, tuple(itertools.accumulate(weights))


@dataclass(slots=True)
class Person:
    number: int
    surname: int  # index into the surname pool
    given: int  # index into the given-name pool
    birth: tuple[int, int, int]  # year, month, day
    prefecture: object  # archive.names.Prefecture
    county: str  # katakana, a county or town name as heard
    village: str
    rank: str
    unit: int  # index into tables.UNITS
    unit_number: int
    camps: list[int] = field(default_factory=list)
    death: tuple[int, int, int, str, int] | None = None  # year, month, day, cause, precision 1..3

    @property
    def person_id(self) -> str:
        return f"P{self.number:07d}"

    @property
    def unit_ja(self) -> str:
        return tables.UNITS[self.unit][1].format(n=self.unit_number)


def draw_person(number: int, rng, surnames: Pool, given: Pool, camps, by_region, camp_cum) -> Person:
    year = pick(rng, _BIRTH_YEARS, _BIRTH_CUM)
    unit = pick(rng, range(len(tables.UNITS)), _UNIT_CUM)
    low_high = tables.UNIT_NUMBER_RANGES.get(tables.UNITS[unit][1], (0, 0))
    person = Person(
        number=number,
        surname=surnames.draw(rng),
        given=given.draw(rng),
        birth=(year, 1 + int(rng.random() * 12), 1 + int(rng.random() * 28)),
        prefecture=pick(rng, _PREFS, _PREF_CUM),
        county=surnames.kana[surnames.draw(rng)],
        village=surnames.kana[surnames.draw(rng)],
        rank=pick(rng, _RANK_VALUES, _RANK_CUM),
        unit=unit,
        unit_number=rng.randint(*low_high),
    )
    n_cards = pick(rng, _CARDS, _CARDS_CUM)
    camp = pick(rng, range(len(camps)), camp_cum)
    person.camps.append(camp)
    for _ in range(n_cards - 1):
        if rng.random() < 0.6:
            camp = rng.choice(by_region[camps[camp].region])
        else:
            camp = pick(rng, range(len(camps)), camp_cum)
        person.camps.append(camp)
    if rng.random() < DEATH_RATE:
        dy = pick(rng, _DEATH_YEARS, _DEATH_CUM)
        month = rng.randint(9, 12) if dy == 1945 else rng.randint(1, 12)
        cause = pick(rng, _CAUSES, _CAUSE_CUM)
        precision = pick(rng, (3, 2, 1), (60, 85, 100))
        person.death = (dy, month, rng.randint(1, 28), cause, precision)
    return person
