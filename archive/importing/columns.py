"""The import format: which columns a file may have, and the row shape the import passes on."""

from __future__ import annotations

from archive.models import ArchiveRecord, BurialSite, Camp

REQUIRED = ("source_id",)
# A row needs a given name in at least one script; a file needs a column for one of them.
NAME_COLUMNS = ("given_name_cyr", "given_name_kana")
KNOWN = (
    "source_id",
    "surname_cyr",
    "given_name_cyr",
    "patronymic_cyr",
    "birth_year",
    "birthplace_cyr",
    "rank_cyr",
    "unit_cyr",
    "camp",
    "region",
    "death_date",
    "death_cause",
    "burial_site",
    "grave_no",
    "archive_ref",
    "surname_kana",
    "given_name_kana",
    "document_type",
)
DOCUMENT_TYPES = frozenset(ArchiveRecord.DocumentType.values)
DEFAULT_DOCUMENT_TYPE = ArchiveRecord.DocumentType.REGISTRATION_CARD.value
BIRTH_YEARS = (1870, 1935)
DEATH_YEARS = (1945, 1960)


def _max_length(column: str) -> int:
    if column == "camp":
        return Camp._meta.get_field("name").max_length
    if column == "burial_site":
        return BurialSite._meta.get_field("name").max_length
    if column in {"birth_year", "death_date", "document_type"}:
        return 20
    return ArchiveRecord._meta.get_field(column).max_length


MAX_LENGTH = {column: _max_length(column) for column in KNOWN}

# The validated row: what both the PostgreSQL and the generic path receive, in this order.
# Record fields keep the document's text; camp and burial_site are names; the last five are
# derived (prefecture code and the two name spellings as (script, normalised text)).
CLEAN = (
    "line",
    "source_id",
    "document_type",
    "surname_cyr",
    "given_name_cyr",
    "patronymic_cyr",
    "surname_kana",
    "given_name_kana",
    "birth_year",
    "birthplace_cyr",
    "rank_cyr",
    "unit_cyr",
    "camp",
    "region",
    "death_year",
    "death_month",
    "death_day",
    "death_cause",
    "burial_site",
    "grave_no",
    "archive_ref",
    "prefecture",
    "s_script",
    "s_text",
    "g_script",
    "g_text",
)
# Record columns copied as they are (everything in CLEAN that is a plain ArchiveRecord field).
PLAIN_FIELDS = tuple(
    c for c in CLEAN if c not in {"line", "camp", "burial_site", "s_script", "s_text", "g_script", "g_text"}
)
# Record columns the import derives from lookups and name spellings (both paths write them).
DERIVED_FIELDS = (
    "camp_id",
    "burial_site_id",
    "surname_spelling_id",
    "given_spelling_id",
    "surname_reading",
    "given_name_reading",
    "romaji",
)
