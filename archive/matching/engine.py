"""Find the archive records that may describe an inquiry's person, best first.

1. Blocking: the spellings near each candidate reading of the surname and of the given name
   (`SpellingIndex`), then one indexed query for records whose name pair falls in those sets,
   either way round (surname and given name swapped by a clerk).
2. When the name pair finds little, a second query on the surname alone, narrowed by birth year.
3. Careful scoring of the few candidates (`scoring`), then cards that are evidently one person
   are grouped (`grouping`) so that they do not crowd the top N.
"""

from __future__ import annotations

from django.db.models import Q

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
SURNAME_ONLY_LIMIT = 400
INITIAL_AGREES = 0.8


def _spellings(
    index: SpellingIndex, readings: list[tuple[str, float]], *, initials: bool = False
) -> set[int]:
    ids: set[int] = set()
    for reading, _weight in readings:
        ids |= index.spellings_near(reading, initials=initials)
    return ids


def candidate_records(facts: Facts, index: SpellingIndex) -> list[RecordView]:
    surnames = _spellings(index, facts.readings("surname"))
    givens = _spellings(index, facts.readings("given"), initials=True)
    query = Q()
    if surnames and givens:
        query = Q(surname_spelling_id__in=surnames, given_spelling_id__in=givens) | Q(
            surname_spelling_id__in=givens, given_spelling_id__in=surnames
        )
    rows = list(ArchiveRecord.objects.filter(query).values(*FIELDS)[:MAX_CANDIDATES]) if query else []
    if len(rows) < 20 and surnames:
        narrowed = ArchiveRecord.objects.filter(surname_spelling_id__in=surnames)
        if facts.birth_year:
            narrowed = narrowed.filter(birth_year__range=(facts.birth_year - 2, facts.birth_year + 2))
        if facts.prefecture:
            narrowed = narrowed.filter(prefecture__in=[facts.prefecture, ""])
        seen = {row["id"] for row in rows}
        rows += [row for row in narrowed.values(*FIELDS)[:SURNAME_ONLY_LIMIT] if row["id"] not in seen]
    return [RecordView(**row) for row in rows]


def initial_similarity(readings: list[tuple[str, float]], spelling_id: int, index: SpellingIndex):
    """A given name written as its initial («С.»): agrees if the first sound does, never fully."""
    for reading, _weight in readings:
        if index.initial_agrees(spelling_id, reading):
            return (INITIAL_AGREES, reading, index.initials[spelling_id].upper() + ".")
    return (0.2, readings[0][0] if readings else "", index.initials[spelling_id].upper() + ".")


def score_record(facts: Facts, record: RecordView, index: SpellingIndex, cache: dict) -> Scored:
    def similarity(part: str, spelling_id: int | None):
        if spelling_id is None:
            return (0.0, "", "")
        key = (part, spelling_id)
        if key not in cache:
            if spelling_id in index.initials:
                cache[key] = initial_similarity(facts.readings(part), spelling_id, index)
            else:
                cache[key] = reading_similarity(facts.readings(part), index.readings.get(spelling_id, ()))
        return cache[key]

    straight = (
        similarity("surname", record.surname_spelling_id),
        similarity("given", record.given_spelling_id),
    )
    swapped = (
        similarity("surname", record.given_spelling_id),
        similarity("given", record.surname_spelling_id),
    )
    straight_score = (straight[0][0] * straight[1][0]) ** 0.5
    swapped_score = (swapped[0][0] * swapped[1][0]) ** 0.5 * SWAP_PENALTY
    is_swapped = swapped_score > straight_score
    surname, given = swapped if is_swapped else straight
    name = max(straight_score, swapped_score)
    if not facts.readings("given"):  # only a surname is known
        name = surname[0] * 0.9
    birth, birth_conflict = birth_score(facts, record.birth_year)
    place, place_conflict = prefecture_score(facts, record.prefecture)
    unit = unit_score(facts, record.unit_cyr)
    total = combine({"name": name, "birth_year": birth, "prefecture": place, "unit": unit})
    return Scored(
        record=record,
        score=round(total, 4),
        swapped=is_swapped,
        contradictions=[c for c in (birth_conflict, place_conflict) if c],
        fields={
            "surname": {"score": round(surname[0], 3), "ours": surname[1], "theirs": surname[2]},
            "given": {"score": round(given[0], 3), "ours": given[1], "theirs": given[2]},
            "birth_year": {"score": birth, "ours": facts.birth_year, "theirs": record.birth_year},
            "prefecture": {"score": place, "ours": facts.prefecture, "theirs": record.prefecture},
            "unit": {"score": unit, "ours": facts.unit, "theirs": record.unit_cyr},
        },
    )


def match(facts: Facts, top: int = 10) -> list[Candidate]:
    """The top candidates (groups of cards of one person) for the facts, best first."""
    index = spelling_index()
    cache: dict = {}
    scored = [score_record(facts, record, index, cache) for record in candidate_records(facts, index)]
    scored.sort(key=lambda s: (-s.score, s.record.source_id))
    return group_cards(scored, index, top)
