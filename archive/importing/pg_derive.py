"""PostgreSQL path, third step: what the records derive, computed once per distinct value.

Name spellings, prefectures of birthplaces, camps and burial sites: each distinct value of the
valid records (from the check's profile) is derived once, mostly beside the import
(prederive), and written to a small temporary table that the merge joins. A new spelling's row
is written first with its id only (spellings()); the records need just its best reading and
romaji (names()), and the rest of it, other readings and phonetic keys, is written after the
merge (complete_names()), while the workers derive it during the merge.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import connection

from archive.derive import Copied, copied_from, copied_values, prefecture_of
from archive.models import NameSpelling
from archive.spellings import copy_keys, derive_many, map_on_cores

from .lookups import burial_site_ids, camp_ids
from .pg_checks import KANA_COLUMNS
from .pg_copy import RAW
from .validation import STRIP, RowChecker

NAMES = "archive_import_names"
PLACES = "archive_import_places"
_WANTED = "archive_import_spellings_wanted"
_DERIVED = "archive_import_spellings_derived"


def _copy(cur, table: str, rows) -> None:
    with cur.cursor.copy(f"COPY {table} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _copied_values(pair: tuple[str, str]) -> Copied:
    return copied_values(*pair)


def name_pairs(
    found: dict[str, dict[str, int]], columns: list[str]
) -> dict[tuple[str, str], tuple[str, str]]:
    """{(script, raw value): (script, normalised text)} of every distinct name value with a spelling."""
    checker = RowChecker(columns)
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for script, cols, normalise in (
        ("cyr", ("surname_cyr", "given_name_cyr"), checker.cyrillic),
        ("kana", KANA_COLUMNS, checker.kana),
    ):
        for raw in {v for c in cols for v in found[c]}:
            text = normalise(raw.strip(STRIP))
            if text:
                pairs[(script, raw)] = (script, text)
    return pairs


class Spellings(NamedTuple):
    """The spellings of an import's name values (spellings())."""

    pairs: dict[tuple[str, str], tuple[str, str]]  # (script, raw value) -> (script, text)
    stored: dict[
        tuple[str, str], tuple[int, Copied]
    ]  # (script, text) -> (id, what records copy) already stored
    new: dict[tuple[str, str], int]  # (script, text) -> id, written now, completed by complete_names


def spellings(found: dict[str, dict[str, int]], columns: list[str]) -> Spellings:
    """The id of the spelling of every distinct name value. The spellings the archive lacks are
    written at once as rows to complete (complete_names) before the import commits, so they have
    their ids before anything is derived; a concurrent import of the same spelling waits on the
    unique (script, text) and then finds this one."""
    pairs = name_pairs(found, columns)
    spelling = NameSpelling._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"CREATE TEMPORARY TABLE {_WANTED} (script text, text text)")
        with cur.cursor.copy(f"COPY {_WANTED} FROM STDIN") as copy:
            for pair in set(pairs.values()):
                copy.write_row(pair)
        cur.execute(
            f"INSERT INTO {spelling} (script, text, readings, romaji, keys) SELECT script, text, '', '', ''"  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
            f" FROM {_WANTED} ORDER BY 1, 2 ON CONFLICT DO NOTHING RETURNING script, text, id"
        )
        new = {(script, text): pk for script, text, pk in cur.fetchall()}
        cur.execute(
            f"SELECT w.script, w.text, s.id, s.readings, s.romaji"  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
            f" FROM {_WANTED} w JOIN {spelling} s USING (script, text)"
        )
        stored = {
            (script, text): (pk, copied_from(readings, romaji))
            for script, text, pk, readings, romaji in cur.fetchall()
            if (script, text) not in new
        }
        cur.execute(f"DROP TABLE {_WANTED}")
    return Spellings(pairs, stored, new)


def _given_or_derived(pairs, given: dict | None, derive) -> dict:
    """{pair: what `given` has for it, or what derive(the pairs it lacks) gives}: the workers
    beside the import only save time, whatever they did not deliver is derived here."""
    given = given or {}
    todo = sorted(pair for pair in pairs if pair not in given)
    out = dict(zip(todo, derive(todo), strict=True))
    out.update((pair, given[pair]) for pair in pairs if pair in given)
    return out


def names(spellings: Spellings, first: dict | None = None) -> None:
    """Fill NAMES: (script, raw value, spelling id, and what the records copy of the spelling:
    its best reading and romaji, archive.derive.Copied) of every name value.

    `first`: copied_values already derived beside the import (prederive), by (script, text).
    """
    best = _given_or_derived(spellings.new, first, lambda todo: map_on_cores(_copied_values, todo))
    values = dict(spellings.stored)
    values.update((pair, (pk, best[pair])) for pair, pk in spellings.new.items())
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {NAMES}")
        cur.execute(
            f"CREATE TEMPORARY TABLE {NAMES} (script text, raw text, spelling_id integer, reading text, romaji text)"
        )
        with cur.cursor.copy(f"COPY {NAMES} FROM STDIN") as copy:
            for (script, raw), pair in spellings.pairs.items():
                pk, copied = values[pair]
                copy.write_row((script, raw, pk, *copied))
        cur.execute(f"ANALYZE {NAMES}")


def complete_names(new: dict[tuple[str, str], int], rest: dict | None = None) -> None:
    """Write the readings, romaji and phonetic keys of the new spellings (Spellings.new).

    `rest`: spelling_values already derived beside the import, by (script, text)."""
    if not new:
        return
    values = _given_or_derived(new, rest, derive_many)
    spelling = NameSpelling._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"CREATE TEMPORARY TABLE {_DERIVED} (id integer, readings text, romaji text, keys text)")
        with cur.cursor.copy(f"COPY {_DERIVED} FROM STDIN") as copy:
            for pair, pk in new.items():
                readings, romaji, keys = values[pair]
                copy.write_row((pk, readings, romaji, " ".join(keys)))
        cur.execute(
            f"UPDATE {spelling} s SET readings = d.readings, romaji = d.romaji, keys = d.keys"  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
            f" FROM {_DERIVED} d WHERE s.id = d.id"
        )
        cur.execute(f"DROP TABLE {_DERIVED}")
        copy_keys(cur, ((pk, values[pair][2]) for pair, pk in new.items()))


def places(found: dict[str, dict[str, int]], derived: dict[str, str] | None = None) -> int:
    """Prefecture of every distinct birthplace (archive.derive.prefecture_of); fills PLACES
    (raw value, prefecture).

    `derived`: prefectures already recognised beside the import (prederive); the rest are
    recognised here.
    """
    wanted = found["birthplace_cyr"]
    derived = derived or {}
    result = {raw: derived[raw] for raw in wanted if raw in derived}
    # One process, in sorted order: birthplaces share words, and the recogniser caches by word
    # (measured on 97k generated birthplaces: 1.7 s here, 4.7 s on a two-process pool).
    new = sorted(raw for raw in wanted if raw not in result)
    result.update((raw, prefecture_of(raw)) for raw in new)
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {PLACES}")
        cur.execute(f"CREATE TEMPORARY TABLE {PLACES} (raw text, prefecture text)")
        _copy(cur, PLACES, result.items())
        cur.execute(f"ANALYZE {PLACES}")
    return len(new)


def camps_and_burial_sites(found: dict[str, dict[str, int]], columns: list[str]) -> None:
    """Create the camps and burial sites the valid records name (region from their first record)."""
    regions: dict[int, str] = {}
    if "region" in columns:
        first = {line for name in ("camp", "burial_site") for line in found[name].values()}
        if first:
            with connection.cursor() as cur:  # one scan for both
                cur.execute(
                    f"SELECT line, region FROM {RAW} JOIN unnest(%s::bigint[]) AS f(line) USING (line)",  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
                    [sorted(first)],
                )
                regions = dict(cur.fetchall())
    for name, create in (("camp", camp_ids), ("burial_site", burial_site_ids)):
        if found[name]:
            create({v: regions.get(line, "") for v, line in found[name].items()})
