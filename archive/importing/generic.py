"""The portable path (SQLite and any other database): compare in Python, write in bulk.

Slower than the PostgreSQL path but the same result: new records created, changed ones
updated with one audit entry each (the fields that differ, old and new; the reason names the
batch), unchanged ones left alone. A new record gets no entry: its batch says where it came from.
"""

from __future__ import annotations

from django.utils import timezone

from archive.derive import record_names
from archive.models import ArchiveRecord, ImportBatch
from audit import trail
from audit.models import AuditEntry

from .columns import CLEAN, DERIVED_FIELDS, PLAIN_FIELDS
from .lookups import spelling_display

_CHUNK = 1000
_I = {name: i for i, name in enumerate(CLEAN)}
_PLAIN = [(name, _I[name]) for name in PLAIN_FIELDS]
FIELDS = (*PLAIN_FIELDS, *DERIVED_FIELDS)


def record_values(row: tuple, refs) -> dict:
    """What the record of a clean row should hold (its prefecture was derived by the check)."""
    values = {name: row[i] for name, i in _PLAIN}
    s_id = refs.spellings.get((row[_I["s_script"]], row[_I["s_text"]]))
    g_id = refs.spellings.get((row[_I["g_script"]], row[_I["g_text"]]))
    values.update(
        camp_id=refs.camps.get(row[_I["camp"]]),
        burial_site_id=refs.burial_sites.get(row[_I["burial_site"]]),
        surname_spelling_id=s_id,
        given_spelling_id=g_id,
        **record_names(refs.display.get(s_id), refs.display.get(g_id)),
    )
    return values


def merge(
    rows: list[tuple], batch: ImportBatch, refs, *, user=None, reason: str = ""
) -> tuple[int, int, int]:
    """(created, updated, unchanged). Call inside a transaction."""
    refs.display = spelling_display(set(refs.spellings.values()))
    created = updated = unchanged = 0
    now = timezone.now()
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        ids = [row[_I["source_id"]] for row in chunk]
        existing = {
            r["source_id"]: r for r in ArchiveRecord.objects.filter(source_id__in=ids).values("id", *FIELDS)
        }
        new, changed, entries = [], [], []
        for row in chunk:
            values = record_values(row, refs)
            old = existing.get(values["source_id"])
            if old is None:
                new.append(ArchiveRecord(**values, batch=batch))
                continue
            changes = {f: [old[f], values[f]] for f in FIELDS if old[f] != values[f]}
            if changes:
                record = ArchiveRecord(id=old["id"], **values, batch=batch, imported_at=now)
                changed.append(record)
                entries.append(
                    trail.entry(
                        record, AuditEntry.Action.CHANGED, changes, user, reason=reason, created_at=now
                    )
                )
            else:
                unchanged += 1
        if new:
            ArchiveRecord.objects.bulk_create(new)
        if changed:
            ArchiveRecord.objects.bulk_update(changed, [*FIELDS, "batch", "imported_at"])
            AuditEntry.objects.bulk_create(entries)
        created += len(new)
        updated += len(changed)
    return created, updated, unchanged
