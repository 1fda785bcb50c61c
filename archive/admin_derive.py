"""Recompute a record's derived fields after an archivist corrects what the document says."""

from __future__ import annotations

from archive.derive import prefecture_of, record_names, spelling_pair
from archive.importing.lookups import spelling_display
from archive.models import ArchiveRecord
from archive.spellings import ensure_spellings


def refresh_derived(record: ArchiveRecord) -> None:
    """Spellings, readings, romaji and prefecture from the as-written fields, as the import derives them."""
    pairs = (
        spelling_pair(record.surname_cyr, record.surname_kana),
        spelling_pair(record.given_name_cyr, record.given_name_kana),
    )
    ids = ensure_spellings([p for p in pairs if p])
    s_id, g_id = (ids.get(p) if p else None for p in pairs)
    copied = spelling_display({i for i in (s_id, g_id) if i})
    record.surname_spelling_id, record.given_spelling_id = s_id, g_id
    for name, value in record_names(copied.get(s_id), copied.get(g_id)).items():
        setattr(record, name, value)
    record.prefecture = prefecture_of(record.birthplace_cyr)
