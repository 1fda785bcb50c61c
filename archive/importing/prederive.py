"""Deriving beside the import: name spellings and prefectures worked out on the other cores.

As soon as the database has listed the distinct names and birthplaces of a big file, forked
worker processes take a share each and derive in rounds. First what the records copy: the
prefecture of each birthplace, then the best reading and romaji of each new spelling (the
database goes on checking the records meanwhile). Then the rest of each spelling, its other
readings and its phonetic keys, which only the spelling table needs: that round runs while the
database writes the records. The import looks every value up in their results and derives whatever is
missing itself, so the result never depends on the workers: they only save time. Where forking is
not safe (a Celery pool worker, another thread) or there is little to derive, nothing is started.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from contextlib import contextmanager

from django.db import connection

from archive.models import NameSpelling
from archive.names import recognise_prefecture
from archive.spellings import best_values, can_fork, derive_values

from .pg_derive import name_pairs
from .validation import STRIP

log = logging.getLogger(__name__)
PREDERIVE_FROM = 2000  # distinct values before the work is worth a pool of processes
_WORK: dict[str, list] = {}  # set before the workers fork: they inherit it, nothing is pickled


def stored_spellings() -> set[tuple[str, str]]:
    """Spellings the archive already has (a re-import derives none of them again)."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT script, text FROM {NameSpelling._meta.db_table}")
        return set(cur.fetchall())


# Recognising a birthplace costs about this fraction of deriving a spelling (measured on
# generated files: 97k birthplaces in 1.3 s, 25k Cyrillic spellings in 2.4 s).
_PLACE_COST = 0.15


def shares(spellings: list, places: list, parts: int) -> list[tuple[list, list]]:
    """(spellings, birthplaces) of each worker. The birthplaces all go to the first one: the
    recogniser caches by word, and split among workers each would score the same words again;
    the spellings are shared out so that every worker has about the same work."""
    total = len(spellings) + _PLACE_COST * len(places)
    first = max(0, min(len(spellings), round(total / parts - _PLACE_COST * len(places))))
    rest = spellings[first:]
    out = [(spellings[:first], places)]
    for part in range(1, parts):
        share = rest[len(rest) * (part - 1) // (parts - 1) : len(rest) * part // (parts - 1)]
        out.append((share, []))
    return out


def _prefectures(part: int) -> dict:
    return {raw: recognise_prefecture(raw) or "" for raw in _WORK["shares"][part][1]}


def _best(part: int) -> dict:
    return {pair: best_values(*pair) for pair in _WORK["shares"][part][0]}


def _rest(part: int) -> dict:
    # The readings are cached from _best: this is their ranking and the keys.
    return {pair: derive_values(*pair) for pair in _WORK["shares"][part][0]}


def _work(conn, part: int) -> None:
    """A worker process: send each round's results as soon as they are ready, in this order."""
    try:
        conn.send(_prefectures(part))
        conn.send(_best(part))
        conn.send(_rest(part))
    except Exception:
        log.exception("deriving beside the import failed")  # the import derives it itself
    finally:
        conn.close()


class Prederivation:
    """The workers and what they have sent. A worker that fails or dies sends nothing more,
    and whatever is missing is derived by the import itself."""

    def __init__(self, workers: list[tuple]) -> None:
        self.workers = workers

    def _receive(self) -> list:
        results = []
        for _process, conn in self.workers:
            try:
                results.append(conn.recv())
            except (EOFError, OSError):
                continue
            except Exception:
                log.exception("a result of deriving beside the import could not be read")
        return results

    def _merged(self) -> dict:
        merged: dict = {}
        for result in self._receive():
            merged.update(result)
        return merged

    def prefectures(self) -> dict:
        """{birthplace: prefecture code or ''} (first)."""
        return self._merged()

    def best(self) -> dict:
        """{(script, text): best_values} (after prefectures())."""
        return self._merged()

    def rest(self) -> dict:
        """{(script, text): derive_values} (last)."""
        try:
            return self._merged()
        finally:
            self.close()

    def close(self) -> None:
        for process, conn in self.workers:
            conn.close()
            if process.is_alive():
                process.terminate()
            process.join()
        self.workers = []


def start(found: dict[str, dict[str, int]], columns: list[str]) -> Prederivation | None:
    """Start deriving the profiled values on other processes, or None where that is not worth it or safe."""
    if not can_fork():
        return None
    places = sorted({raw.strip(STRIP) for raw in found["birthplace_cyr"]} - {""})
    spellings = sorted(set(name_pairs(found, columns).values()) - stored_spellings())
    if len(spellings) + len(places) < PREDERIVE_FROM:
        return None
    parts = min(os.cpu_count() or 1, 8)
    _WORK["shares"] = shares(spellings, places, parts)
    context = multiprocessing.get_context("fork")
    workers = []
    try:
        for part in range(parts):
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(sending, part), daemon=True)
            process.start()
            sending.close()  # the worker holds the other copy: its end means EOF here
            workers.append((process, receiving))
    finally:
        _WORK.clear()  # the workers have their copy
    return Prederivation(workers)


class Beside:
    """Holds the derivation an import started, and stops its workers however the import ends."""

    def __init__(self) -> None:
        self.running: Prederivation | None = None

    def start(self, found: dict[str, dict[str, int]], columns: list[str]) -> None:
        self.running = start(found, columns)

    def prefectures(self) -> dict:
        return self.running.prefectures() if self.running is not None else {}

    def best(self) -> dict:
        return self.running.best() if self.running is not None else {}

    def rest(self) -> dict:
        return self.running.rest() if self.running is not None else {}


@contextmanager
def beside():
    holder = Beside()
    try:
        yield holder
    finally:
        if holder.running is not None:
            holder.running.close()
