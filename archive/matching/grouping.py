"""Cards that evidently describe one person become one candidate listing all its cards.

A new registration card was made at each camp transfer, each spelled by another clerk, so one
person can own several records. Two cards are taken as the same person when both name parts
read alike (or alike swapped), their birth years are within one year, and their prefectures
do not differ. The best-scoring card leads the group; the others are listed in `also`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.names import name_similarity

from .index import SpellingIndex
from .scoring import Scored, band

SAME_NAME = 0.86
FOLD_FLOOR = 0.6


@dataclass
class Candidate:
    head: Scored
    cards: list[Scored] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.head.score

    @property
    def band(self) -> str:
        return band(self.score)

    @property
    def also(self) -> list[str]:
        return [card.record.source_id for card in self.cards[1:]]


def _reading(index: SpellingIndex, spelling_id: int | None) -> str:
    readings = index.readings.get(spelling_id or 0, ())
    return readings[0] if readings else ""


def _same_person(a: Scored, b: Scored, index: SpellingIndex) -> bool:
    ra, rb = a.record, b.record
    if ra.birth_year and rb.birth_year and abs(ra.birth_year - rb.birth_year) > 1:
        return False
    if ra.prefecture and rb.prefecture and ra.prefecture != rb.prefecture:
        return False
    a_names = (_reading(index, ra.surname_spelling_id), _reading(index, ra.given_spelling_id))
    b_names = (_reading(index, rb.surname_spelling_id), _reading(index, rb.given_spelling_id))
    if a.swapped != b.swapped:
        b_names = b_names[::-1]
    return all(x and y and name_similarity(x, y) >= SAME_NAME for x, y in zip(a_names, b_names, strict=True))


def group_cards(scored: list[Scored], index: SpellingIndex, top: int) -> list[Candidate]:
    groups: list[Candidate] = []
    for card in scored:
        if len(groups) >= top and card.score < FOLD_FLOOR * groups[-1].score:
            break  # far below the last candidate shown: not another card of anyone shown
        for group in groups:
            if _same_person(group.head, card, index):
                group.cards.append(card)
                break
        else:
            if len(groups) >= top and card.score < groups[-1].score:
                # Still fold later cards into existing groups, but open no group below the top N.
                continue
            groups.append(Candidate(head=card, cards=[card]))
    return groups[:top]
