"""Derive every name spelling again with the name library as it is now.

Readings, romaji and phonetic keys are derived once per spelling when it first appears
(archive.derive.spelling_values); when the name library learns a clerk's habit, the spellings
already stored keep what the older library gave them. This brings them up to date: the spellings whose derived values differ are rewritten
with their phonetic keys, and so is what their records copy (the best reading and the romaji).
Only derived values change, never what a document says; they are not facts of the record, so no
audit entries are written for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from archive.derive import record_names
from archive.importing.lookups import spelling_display
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


_COPIED = ("surname_reading", "given_name_reading", "romaji")


def _update_records(best_changed: list[int]) -> int:
    """Write again what the records of these spellings copy of them (archive.derive.record_names),
    where it differs; how many records were written."""
    records: dict[int, tuple] = {}
    for ids in _chunks(best_changed):
        rows = ArchiveRecord.objects.filter(Q(surname_spelling_id__in=ids) | Q(given_spelling_id__in=ids))
        for pk, *rest in rows.values_list("pk", "surname_spelling_id", "given_spelling_id", *_COPIED):
            records[pk] = tuple(rest)
    copied = spelling_display({i for s_id, g_id, *_old in records.values() for i in (s_id, g_id) if i})
    changed = []
    for pk, (s_id, g_id, *old) in records.items():
        names = record_names(copied.get(s_id), copied.get(g_id))
        if [names[f] for f in _COPIED] != old:
            changed.append(ArchiveRecord(pk=pk, **names))
    ArchiveRecord.objects.bulk_update(changed, _COPIED, batch_size=_CHUNK)
    return len(changed)


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
