"""Recompute a record's derived fields after an archivist corrects what the document says."""

from __future__ import annotations

from archive.importing.lookups import spelling_display
from archive.models import ArchiveRecord
from archive.names import recognise_prefecture
from archive.spellings import ensure_spellings, spelling_pair


def refresh_derived(record: ArchiveRecord) -> None:
    """Spellings, readings, romaji and prefecture from the as-written fields, as the import derives them."""
    pairs = (
        spelling_pair(record.surname_cyr, record.surname_kana),
        spelling_pair(record.given_name_cyr, record.given_name_kana),
    )
    ids = ensure_spellings([p for p in pairs if p])
    s_id, g_id = (ids.get(p) if p else None for p in pairs)
    display = spelling_display({i for i in (s_id, g_id) if i})
    s_reading, s_romaji = display.get(s_id, ("", ""))
    g_reading, g_romaji = display.get(g_id, ("", ""))
    record.surname_spelling_id, record.given_spelling_id = s_id, g_id
    record.surname_reading, record.given_name_reading = s_reading, g_reading
    record.romaji = " ".join(r for r in (s_romaji, g_romaji) if r)
    birthplace = record.birthplace_cyr.strip()
    record.prefecture = (recognise_prefecture(birthplace) or "") if birthplace else ""
