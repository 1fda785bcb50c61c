"""Derive every name spelling again with the name library as it is now.

Readings, romaji and phonetic keys are derived once per spelling when it first appears; when the
name library learns a clerk's habit, the spellings already stored keep what the older library
gave them. This brings them up to date: the spellings whose derived values differ are rewritten
with their phonetic keys, and so is what their records copy (the best reading and the romaji).
Only derived values change, never what a document says; they are not facts of the record, so no
history rows are written for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, StrIndex, Substr, Trim

from archive.models import ArchiveRecord, NameSpelling, SpellingKey, SpellingRederive
from archive.spellings import derive_many

_CHUNK = 500  # ids in one IN list (SQLite's limit on parameters)


@dataclass
class Rederived:
    spellings: int  # looked at
    changed: int  # with other readings, romaji or keys
    records: int  # whose copied reading and romaji were written again


def _chunks(ids: list[int]):
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _best(pk_field: str):
    """The record's spelling's first (best) reading: what the record copies as its reading."""
    spelling = NameSpelling.objects.filter(pk=OuterRef(pk_field)).annotate(
        best=Substr("readings", 1, StrIndex(Concat("readings", Value(" ")), Value(" ")) - 1)
    )
    return Coalesce(Subquery(spelling.values("best")[:1]), Value(""))


def _romaji(pk_field: str):
    spelling = NameSpelling.objects.filter(pk=OuterRef(pk_field)).values("romaji")[:1]
    return Coalesce(Subquery(spelling), Value(""))


def _update_records(best_changed: list[int]) -> int:
    """Copy the best reading and the romaji again into the records of these spellings; how many."""
    updated = 0
    for ids in _chunks(best_changed):
        ArchiveRecord.objects.filter(surname_spelling_id__in=ids).update(
            surname_reading=_best("surname_spelling_id")
        )
        ArchiveRecord.objects.filter(given_spelling_id__in=ids).update(
            given_name_reading=_best("given_spelling_id")
        )
        updated += ArchiveRecord.objects.filter(
            Q(surname_spelling_id__in=ids) | Q(given_spelling_id__in=ids)
        ).update(
            romaji=Trim(Concat(_romaji("surname_spelling_id"), Value(" "), _romaji("given_spelling_id")))
        )
    return updated


def rederive_spellings() -> Rederived:
    """Derive every spelling again and write what differs, in one transaction."""
    rows = list(
        NameSpelling.objects.order_by("pk").values_list("pk", "script", "text", "readings", "romaji", "keys")
    )
    derived = derive_many([(script, text) for _pk, script, text, *_old in rows])
    changed: dict[int, tuple[str, str, list[str]]] = {}
    best_changed: list[int] = []
    for (pk, _script, _text, readings, romaji, keys), new in zip(rows, derived, strict=True):
        new_readings, new_romaji, new_keys = new
        if (new_readings, new_romaji, " ".join(new_keys)) == (readings, romaji, keys):
            continue
        changed[pk] = new
        if new_readings.split()[:1] != readings.split()[:1] or new_romaji != romaji:
            best_changed.append(pk)
    records = 0
    if changed:
        with transaction.atomic():
            NameSpelling.objects.bulk_update(
                [
                    NameSpelling(pk=pk, readings=r, romaji=m, keys=" ".join(k))
                    for pk, (r, m, k) in changed.items()
                ],
                ["readings", "romaji", "keys"],
                batch_size=_CHUNK,
            )
            for ids in _chunks(list(changed)):
                SpellingKey.objects.filter(spelling_id__in=ids).delete()
            SpellingKey.objects.bulk_create(
                [
                    SpellingKey(key=key, spelling_id=pk)
                    for pk, (_r, _m, keys) in changed.items()
                    for key in keys
                ],
                batch_size=_CHUNK * 4,
            )
            records = _update_records(best_changed)
            # Tells the matching index of every process to load the spellings afresh.
            SpellingRederive.objects.create(spellings=len(rows), changed=len(changed), records=records)
    return Rederived(spellings=len(rows), changed=len(changed), records=records)
