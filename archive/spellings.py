"""Name spellings: each distinct written form of a name part derived once, however many records share it.

A spelling is a (script, normalised text) pair (archive.derive.spelling_pair).
`ensure_spellings` returns the `NameSpelling` id of each pair, deriving (archive.derive.spelling_values)
and storing the missing ones in bulk (readings, romaji, phonetic keys and the `SpellingKey` rows
that candidate search reads). The generic import and the admin use it; the PostgreSQL import
writes spellings in its own steps (archive.importing.pg_derive) with the same spelling_values.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterable

from django.db import connection, transaction

from archive.derive import spelling_values
from archive.models import NameSpelling, SpellingKey

_CHUNK = 2000


def _derive_pair(pair: tuple[str, str]) -> tuple[str, str, list[str]]:
    return spelling_values(*pair)


PARALLEL_FROM = 4000  # distinct new values before the work is shared among processes


def can_fork() -> bool:
    """True where worker processes may be forked: more than one core, the main thread, and not a
    daemon process (a Celery pool worker may have no children)."""
    return (
        (os.cpu_count() or 1) > 1
        and threading.current_thread() is threading.main_thread()
        and not multiprocessing.current_process().daemon
        and "fork" in multiprocessing.get_all_start_methods()
    )


def map_on_cores(func, items: list) -> list:
    """[func(item) for item in items], on every core when there are enough items (and can_fork()).

    `func` must be a module-level function (it is sent to the worker processes by name).
    """
    if len(items) < PARALLEL_FROM or not can_fork():
        return [func(item) for item in items]
    with multiprocessing.get_context("fork").Pool(processes=min(os.cpu_count() or 1, 8)) as pool:
        return pool.map(func, items, chunksize=256)


def derive_many(pairs: list[tuple[str, str]]) -> list[tuple[str, str, list[str]]]:
    """Derive many spellings, on every core when there are enough of them."""
    return map_on_cores(_derive_pair, pairs)


def _existing(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for script in {s for s, _ in pairs}:
        texts = sorted(t for s, t in pairs if s == script)
        for i in range(0, len(texts), _CHUNK):
            rows = NameSpelling.objects.filter(script=script, text__in=texts[i : i + _CHUNK])
            found.update(((s, t), pk) for s, t, pk in rows.values_list("script", "text", "id"))
    return found


def ensure_spellings(items: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The NameSpelling id of each (script, normalised text), creating the missing ones in bulk."""
    wanted = {(s, t) for s, t in items if s and t}
    if connection.vendor == "postgresql" and len(wanted) >= COPY_FROM:
        return _ensure_by_copy(wanted)
    ids = _existing(wanted)
    missing = sorted(wanted - ids.keys())
    if not missing:
        return ids
    values = dict(zip(missing, derive_many(missing), strict=True))
    derived_rows = [
        (NameSpelling(script=script, text=text, readings=readings, romaji=romaji, keys=" ".join(keys)), keys)
        for (script, text), (readings, romaji, keys) in values.items()
    ]
    NameSpelling.objects.bulk_create([s for s, _ in derived_rows], batch_size=_CHUNK, ignore_conflicts=True)
    created = _existing(set(missing))
    ids.update(created)
    key_rows = [
        SpellingKey(key=key, spelling_id=created[(s.script, s.text)])
        for s, keys in derived_rows
        if (s.script, s.text) in created
        for key in keys
    ]
    SpellingKey.objects.bulk_create(key_rows, batch_size=_CHUNK * 2, ignore_conflicts=True)
    return ids


COPY_FROM = 1000  # spellings before temporary tables and COPY beat plain queries (and their catalog churn)
_WANTED = "archive_spelling_wanted"
_NEW = "archive_spelling_new"


def copy_keys(cur, spellings: Iterable[tuple[int, list[str]]]) -> None:
    """COPY the SpellingKey rows of (spelling id, its phonetic keys)."""
    with cur.cursor.copy(f"COPY {SpellingKey._meta.db_table} (key, spelling_id) FROM STDIN") as copy:
        for pk, keys in spellings:
            for key in keys:
                copy.write_row((key, pk))


def _ensure_by_copy(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """ensure_spellings on PostgreSQL: look up and write through temporary tables filled by COPY."""
    spelling = NameSpelling._meta.db_table
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"CREATE TEMPORARY TABLE {_WANTED} (script text, text text)")
        with cur.cursor.copy(f"COPY {_WANTED} FROM STDIN") as copy:
            for pair in wanted:
                copy.write_row(pair)
        cur.execute(
            f"SELECT w.script, w.text, s.id FROM {_WANTED} w LEFT JOIN {spelling} s USING (script, text)"  # nosec B608 # table names from the models and this module's constants; values go by COPY or as parameters
        )
        ids: dict[tuple[str, str], int] = {}
        missing: list[tuple[str, str]] = []
        for script, text, pk in cur.fetchall():
            if pk is None:
                missing.append((script, text))
            else:
                ids[(script, text)] = pk
        cur.execute(f"DROP TABLE {_WANTED}")
        if not missing:
            return ids
        missing.sort()
        derived = dict(zip(missing, derive_many(missing), strict=True))
        cur.execute(
            f"CREATE TEMPORARY TABLE {_NEW} (script text, text text, readings text, romaji text, keys text)"
        )
        with cur.cursor.copy(f"COPY {_NEW} FROM STDIN") as copy:
            for (script, text), (readings, romaji, keys) in derived.items():
                copy.write_row((script, text, readings, romaji, " ".join(keys)))
        cur.execute(
            f"INSERT INTO {spelling} (script, text, readings, romaji, keys) SELECT * FROM {_NEW}"  # nosec B608 # table names from the models and this module's constants; values go by COPY or as parameters
            " ON CONFLICT DO NOTHING RETURNING script, text, id"
        )
        created = {(script, text): pk for script, text, pk in cur.fetchall()}
        cur.execute(f"DROP TABLE {_NEW}")
        copy_keys(cur, ((pk, derived[pair][2]) for pair, pk in created.items()))
    ids.update(created)
    if len(ids) < len(wanted):  # written meanwhile by another import
        ids.update(_existing(wanted - ids.keys()))
    return ids
