"""PostgreSQL path, third step: what the records derive, computed once per distinct value.

Name spellings (through archive.spellings), prefectures of birthplaces, camps and burial
sites: each distinct value of the valid records is read once with SELECT DISTINCT, derived in
Python, and written to a small temporary table that the merge joins.
"""

from __future__ import annotations

from django.db import connection

from archive.models import ArchiveRecord
from archive.names import recognise_prefecture
from archive.spellings import ensure_spellings, map_on_cores

from .lookups import burial_site_ids, camp_ids
from .pg_checks import CYR_COLUMNS, KANA_COLUMNS, distinct_values, valid_rows, value
from .pg_copy import RAW
from .validation import RowChecker

NAMES = "archive_import_names"
PLACES = "archive_import_places"


def _copy(cur, table: str, rows) -> None:
    with cur.cursor.copy(f"COPY {table} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def names(columns: list[str], *, any_rejected: bool) -> int:
    """Spellings for every distinct name value; fills NAMES (script, raw value, spelling id)."""
    where = f"WHERE {valid_rows()}" if any_rejected else ""
    checker = RowChecker(columns)
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for script, cols, normalise in (
        ("cyr", CYR_COLUMNS[:2], checker.cyrillic),
        ("kana", KANA_COLUMNS, checker.kana),
    ):
        for raw in distinct_values(columns, cols, where):
            text = normalise(raw)
            if text:
                pairs[(script, raw)] = (script, text)
    ids = ensure_spellings(set(pairs.values()))
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {NAMES}")
        cur.execute(f"CREATE TEMPORARY TABLE {NAMES} (script text, raw text, spelling_id integer)")
        _copy(cur, NAMES, ((s, raw, ids[pair]) for (s, raw), pair in pairs.items()))
        cur.execute(f"ANALYZE {NAMES}")
    return len(ids)


def _recognise(text: str) -> str:
    return recognise_prefecture(text) or ""


def places(columns: list[str], *, any_rejected: bool) -> int:
    """Prefecture of every distinct birthplace; fills PLACES (raw value, prefecture).

    A birthplace already in the archive keeps the prefecture its records have (it is derived
    from the birthplace alone, and not editable); only new birthplaces are recognised.
    """
    where = f"WHERE {valid_rows()}" if any_rejected else ""
    record = ArchiveRecord._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {PLACES}")
        cur.execute(f"CREATE TEMPORARY TABLE {PLACES} (raw text, prefecture text)")
        if "birthplace_cyr" not in columns:
            return 0
        cur.execute(
            f"""INSERT INTO {PLACES}
            SELECT p.raw, k.prefecture FROM (SELECT DISTINCT {value(columns, "birthplace_cyr")} AS raw
                FROM {RAW} r {where}) p
            LEFT JOIN (SELECT birthplace_cyr, min(prefecture) AS prefecture FROM {record} GROUP BY 1) k
                ON k.birthplace_cyr = p.raw
            WHERE p.raw <> ''"""
        )
        cur.execute(f"SELECT raw FROM {PLACES} WHERE prefecture IS NULL")
        new = [raw for (raw,) in cur.fetchall()]
        if new:
            cur.execute(f"DELETE FROM {PLACES} WHERE prefecture IS NULL")
            _copy(cur, PLACES, zip(new, map_on_cores(_recognise, new), strict=True))
        cur.execute(f"ANALYZE {PLACES}")
    return len(new)


def camps_and_burial_sites(columns: list[str], *, any_rejected: bool) -> None:
    """Create the camps and burial sites the valid records name (region from their first record)."""
    where = f"WHERE {valid_rows()}" if any_rejected else ""
    region = value(columns, "region")
    for column, create in (("camp", camp_ids), ("burial_site", burial_site_ids)):
        if column not in columns:
            continue
        name = value(columns, column)
        with connection.cursor() as cur:
            cur.execute(f"SELECT DISTINCT ON (1) {name}, {region} FROM {RAW} r {where} ORDER BY 1, r.line")
            create(dict(cur.fetchall()))
