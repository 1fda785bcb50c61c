"""Find the archive records that may describe an inquiry's person, best first.

1. Blocking: the spellings near each candidate reading of the surname and of the given name
   (`SpellingIndex`), then one indexed query for records whose name pair falls in those sets,
   either way round (surname and given name swapped by a clerk).
2. When the name pair finds little, a second query on the surname alone, narrowed by birth year.
3. Careful scoring of the few candidates (`scoring`), then cards that are evidently one person
   are grouped (`grouping`) so that they do not crowd the top N.
"""

from __future__ import annotations

from django.db import connection

from archive.models import ArchiveRecord

from .facts import Facts
from .grouping import Candidate, group_cards
from .index import SpellingIndex, spelling_index
from .scoring import (
    SWAP_PENALTY,
    RecordView,
    Scored,
    birth_score,
    combine,
    prefecture_score,
    reading_similarity,
    unit_score,
)

FIELDS = [
    "id", "source_id", "surname_spelling_id", "given_spelling_id", "birth_year", "prefecture", "unit_cyr",
    "surname_cyr", "given_name_cyr", "surname_reading", "given_name_reading", "death_year", "camp_id",
]  # fmt: skip
MAX_CANDIDATES = 3000
SURNAME_ONLY_LIMIT = 200
INITIAL_AGREES = 0.8


class PartSimilarity:
    """Similarity of one name part of the inquiry to spellings, computed once per spelling."""

    def __init__(self, readings: list[tuple[str, float]], index: SpellingIndex) -> None:
        self.query = readings
        self.index = index
        self.known: dict[int, tuple[float, str, str]] = {}

    def __call__(self, spelling_id: int | None) -> tuple[float, str, str]:
        if spelling_id is None or not self.query:
            return (0.0, "", "")
        if spelling_id not in self.known:
            if spelling_id in self.index.initials:
                self.known[spelling_id] = initial_similarity(self.query, spelling_id, self.index)
            else:
                self.known[spelling_id] = reading_similarity(
                    self.query,
                    self.index.readings.get(spelling_id, ()),
                    self.index.profiles.get(spelling_id, ()),
                )
        return self.known[spelling_id]

    def near(self, *, initials: bool = False) -> list[int]:
        """Spellings near any reading (blocking); scored later, only those that records use."""
        ids: set[int] = set()
        for reading, _weight in self.query:
            ids |= self.index.spellings_near(reading, initials=initials)
        return sorted(ids)


def _fetch(where: str, params: list) -> list[dict]:
    table = ArchiveRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(FIELDS)} FROM {table} WHERE {where}", params)  # nosec B608 # FIELDS are constants and `where` is built in this module with %s placeholders; values go as parameters
        return [dict(zip(FIELDS, row, strict=True)) for row in cursor.fetchall()]


def _in(column: str, ids: list[int], params: list) -> str:
    """`column = ANY(array)` on PostgreSQL (one parameter however many ids), `IN (...)` elsewhere."""
    if connection.vendor == "postgresql":
        params.append(ids)
        return f"{column} = ANY(%s)"
    params.extend(ids)
    return f"{column} IN ({', '.join(['%s'] * len(ids))})"


def candidate_records(facts: Facts, surname: PartSimilarity, given: PartSimilarity) -> list[RecordView]:
    surnames = surname.near()
    givens = given.near(initials=True)
    rows: list[dict] = []
    if surnames and givens:
        params: list = []
        where = (
            f"({_in('surname_spelling_id', surnames, params)} AND {_in('given_spelling_id', givens, params)})"
            f" OR ({_in('surname_spelling_id', givens, params)} AND {_in('given_spelling_id', surnames, params)})"
        )
        rows = _fetch(f"{where} LIMIT {MAX_CANDIDATES}", params)
    if len(rows) < 20 and surnames and (facts.birth_year or facts.prefecture):
        # Few name pairs: the given name may be past recognition. The same surname, born the
        # same years in the same prefecture, may still be the person.
        params = []
        where = _in("surname_spelling_id", surnames, params)
        # A common surname has more such records than are kept: the nearest first (the same
        # prefecture, then the nearest birth year), and by id on a tie, so that which are kept
        # never depends on the plan PostgreSQL picks.
        order = []
        if facts.birth_year:
            where += " AND birth_year BETWEEN %s AND %s"
            params += [facts.birth_year - 2, facts.birth_year + 2]
        if facts.prefecture:
            where += " AND prefecture IN (%s, '')"
            params.append(facts.prefecture)
            order.append("CASE WHEN prefecture = %s THEN 0 ELSE 1 END")
            params.append(facts.prefecture)
        if facts.birth_year:
            order.append("abs(birth_year - %s)")
            params.append(facts.birth_year)
        seen = {row["id"] for row in rows}
        ordered = f"{where} ORDER BY {', '.join([*order, 'id'])} LIMIT {SURNAME_ONLY_LIMIT}"
        rows += [row for row in _fetch(ordered, params) if row["id"] not in seen]
    return [RecordView(**row) for row in rows]


def initial_similarity(
    readings: list[tuple[str, float]], spelling_id: int, index: SpellingIndex
) -> tuple[float, str, str]:
    """A given name written as its initial («С.»): agrees if the first sound does, never fully."""
    for reading, _weight in readings:
        if index.initial_agrees(spelling_id, reading):
            return (INITIAL_AGREES, reading, index.initials[spelling_id].upper() + ".")
    return (0.2, readings[0][0] if readings else "", index.initials[spelling_id].upper() + ".")


def score_record(facts: Facts, record: RecordView, surname: PartSimilarity, given: PartSimilarity) -> Scored:
    straight = (surname(record.surname_spelling_id), given(record.given_spelling_id))
    swapped = (surname(record.given_spelling_id), given(record.surname_spelling_id))
    straight_score = (straight[0][0] * straight[1][0]) ** 0.5
    swapped_score = (swapped[0][0] * swapped[1][0]) ** 0.5 * SWAP_PENALTY
    is_swapped = swapped_score > straight_score
    surname_part, given_part = swapped if is_swapped else straight
    name = max(straight_score, swapped_score)
    if not given.query:  # only a surname is known
        name = surname_part[0] * 0.9
    birth, birth_conflict = birth_score(facts, record.birth_year)
    place, place_conflict = prefecture_score(facts, record.prefecture)
    unit = unit_score(facts, record.unit_cyr)
    total = combine({"name": name, "birth_year": birth, "prefecture": place, "unit": unit})
    return Scored(
        record=record,
        score=round(total, 4),
        swapped=is_swapped,
        parts=(surname_part, given_part, birth, place, unit, facts),
        contradictions=[c for c in (birth_conflict, place_conflict) if c],
    )


def match(facts: Facts, top: int = 10) -> list[Candidate]:
    """The top candidates (groups of cards of one person) for the facts, best first."""
    index = spelling_index()
    surname = PartSimilarity(facts.readings("surname"), index)
    given = PartSimilarity(facts.readings("given"), index)
    scored = [
        score_record(facts, record, surname, given) for record in candidate_records(facts, surname, given)
    ]
    scored.sort(key=lambda s: (-s.score, s.record.source_id))
    return group_cards(scored, index, top)
