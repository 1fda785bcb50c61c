"""Deriving while PostgreSQL checks: name spellings and prefectures worked out on the other cores.

As soon as the database has listed the distinct names and birthplaces of a big file, forked
worker processes derive them (readings and keys through the Cyrillic reader, prefectures through
the recogniser), each its share, while the database goes on checking the records on its own
core. The import then looks every value up in their results and derives only what is missing,
so the result never depends on the workers: they only save time. Where forking is not safe
(a Celery pool worker, another thread) or there is little to derive, nothing is started.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from contextlib import contextmanager

from django.db import connection

from archive.models import NameSpelling
from archive.names import recognise_prefecture
from archive.spellings import can_fork, derive_values

from .pg_derive import name_pairs
from .validation import STRIP

log = logging.getLogger(__name__)
PREDERIVE_FROM = 2000  # distinct values before the work is worth a pool of processes
_WORK: dict[str, list] = {}  # set before the pool forks: the workers inherit it, nothing is pickled


def stored_spellings() -> set[tuple[str, str]]:
    """Spellings the archive already has (a re-import derives none of them again)."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT script, text FROM {NameSpelling._meta.db_table}")
        return set(cur.fetchall())


def _derive_share(part: int, parts: int) -> tuple[dict, dict]:
    """This worker's share (every parts-th value in sorted order) of the derivations."""
    spellings = {pair: derive_values(*pair) for pair in _WORK["spellings"][part::parts]}
    # In sorted order: birthplaces share words, and the recogniser caches by word.
    prefectures = {raw: recognise_prefecture(raw) or "" for raw in _WORK["places"][part::parts]}
    return spellings, prefectures


class Prederivation:
    """The workers' results, once; empty when they failed (the import then derives everything)."""

    def __init__(self, pool, results) -> None:
        self.pool = pool
        self.results = results

    def get(self) -> tuple[dict, dict]:
        spellings: dict = {}
        prefectures: dict = {}
        try:
            for result in self.results:
                s, p = result.get()
                spellings.update(s)
                prefectures.update(p)
        except Exception:  # the import does the work itself
            log.exception("deriving beside the import failed")
            return {}, {}
        finally:
            self.close()
        return spellings, prefectures

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def start(found: dict[str, dict[str, int]], columns: list[str]) -> Prederivation | None:
    """Start deriving the profiled values on other processes, or None where that is not worth it or safe."""
    if not can_fork():
        return None
    places = sorted({raw.strip(STRIP) for raw in found["birthplace_cyr"]} - {""})
    spellings = sorted(set(name_pairs(found, columns).values()) - stored_spellings())
    if len(spellings) + len(places) < PREDERIVE_FROM:
        return None
    _WORK.update(spellings=spellings, places=places)
    parts = min(os.cpu_count() or 1, 8)
    try:
        pool = multiprocessing.get_context("fork").Pool(processes=parts)
    finally:
        _WORK.clear()  # the workers have their copy
    results = [pool.apply_async(_derive_share, (i, parts)) for i in range(parts)]
    pool.close()
    return Prederivation(pool, results)


class Beside:
    """Holds the derivation an import started, and stops its workers however the import ends."""

    def __init__(self) -> None:
        self.running: Prederivation | None = None

    def start(self, found: dict[str, dict[str, int]], columns: list[str]) -> None:
        self.running = start(found, columns)

    def get(self) -> tuple[dict, dict]:
        return self.running.get() if self.running is not None else ({}, {})


@contextmanager
def beside():
    holder = Beside()
    try:
        yield holder
    finally:
        if holder.running is not None:
            holder.running.close()
