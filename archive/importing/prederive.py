"""Deriving beside the import: name spellings and prefectures worked out on the other cores.

As soon as the database has listed the distinct birthplaces, and then the names, of a big file,
forked worker processes take a share each and derive in rounds. First what the records copy:
the prefecture of each birthplace, then the best reading and romaji of each new spelling (the
database goes on listing and writing meanwhile). Then the rest of each spelling, its other
readings and its phonetic keys, which only the spelling table needs: that round runs while the
database writes the records. The import looks every value up in their results and derives
whatever is missing itself, so the result never depends on the workers: they only save time.
Where forking is not safe (a Celery pool worker, another thread) or there is little to derive,
nothing is started.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from contextlib import contextmanager

from django.db import connection

from archive.derive import copied_values, prefecture_of, spelling_values
from archive.models import NameSpelling
from archive.spellings import can_fork

from .pg_derive import name_pairs
from .validation import STRIP

log = logging.getLogger(__name__)
PREDERIVE_FROM = 2000  # distinct values before the work is worth a pool of processes
_WORK: dict[str, tuple] = {}  # set before a worker forks: they inherit it, nothing is pickled


def stored_spellings() -> set[tuple[str, str]]:
    """Spellings the archive already has (a re-import derives none of them again)."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT script, text FROM {NameSpelling._meta.db_table}")  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
        return set(cur.fetchall())


def shares(items: list, parts: int) -> list[list]:
    """`parts` contiguous shares of the sorted items, as even as can be."""
    return [items[len(items) * part // parts : len(items) * (part + 1) // parts] for part in range(parts)]


def _prefectures() -> dict:
    return {raw: prefecture_of(raw) for raw in _WORK["share"][1]}


def _best() -> dict:
    return {pair: copied_values(*pair) for pair in _WORK["share"][0]}


def _rest() -> dict:
    # The readings are cached from _best: this is their ranking and the keys.
    return {pair: spelling_values(*pair) for pair in _WORK["share"][0]}


def _work(conn) -> None:
    """A worker process: send each round's results as soon as they are ready, in this order
    (a worker with no birthplaces sends its empty first round at once)."""
    try:
        conn.send(_prefectures())
        conn.send(_best())
        conn.send(_rest())
    except Exception:
        log.exception("deriving beside the import failed")  # the import derives it itself
    finally:
        conn.close()


class Prederivation:
    """The workers and what they have sent. A worker that fails or dies sends nothing more,
    and whatever is missing is derived by the import itself."""

    def __init__(self) -> None:
        self.workers: list[tuple] = []
        self.results: dict[str, dict] = {}  # by round, once received (an import may ask twice)

    def fork(self, spellings: list, places: list) -> None:
        """Start a worker on these spellings and birthplaces."""
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        _WORK["share"] = (spellings, places)
        try:
            process = context.Process(target=_work, args=(sending,), daemon=True)
            process.start()
        finally:
            _WORK.clear()  # the worker has its copy
        sending.close()  # the worker holds the other end: when it ends, reading here gives EOF
        self.workers.append((process, receiving))

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

    def _merged(self, name: str) -> dict:
        if name not in self.results:
            merged: dict = {}
            for result in self._receive():
                merged.update(result)
            self.results[name] = merged
        return self.results[name]

    def prefectures(self) -> dict:
        """{birthplace: prefecture code or ''} (first)."""
        return self._merged("prefectures")

    def best(self) -> dict:
        """{(script, text): copied_values} (after prefectures())."""
        return self._merged("best")

    def rest(self) -> dict:
        """{(script, text): spelling_values} (last)."""
        try:
            return self._merged("rest")
        finally:
            self.close()

    def close(self) -> None:
        for process, conn in self.workers:
            conn.close()
            if process.is_alive():
                process.terminate()
            process.join()
        self.workers = []


class Beside:
    """The derivation an import starts as the check lists the values, in two steps: the
    birthplaces are listed first and go to one worker at once (the recogniser caches by word:
    split, every worker would score the same words), the names next and are shared among the
    cores. Nothing is started where forking is not safe or there is little to derive; the
    workers are stopped however the import ends."""

    def __init__(self) -> None:
        self.running = Prederivation()
        self.started: set[str] = set()

    def start(self, found: dict[str, dict[str, int]], columns: list[str]) -> None:
        """Start on what `found` lists that has not been started on (called as the check profiles)."""
        if not can_fork():
            return
        if "birthplace_cyr" in found and "places" not in self.started:
            self.started.add("places")
            places = sorted({raw.strip(STRIP) for raw in found["birthplace_cyr"]} - {""})
            if len(places) >= PREDERIVE_FROM:
                self.running.fork([], places)
        if "surname_cyr" in found and "names" not in self.started:
            self.started.add("names")
            spellings = sorted(set(name_pairs(found, columns).values()) - stored_spellings())
            if len(spellings) >= PREDERIVE_FROM:
                for share in shares(spellings, min(os.cpu_count() or 1, 8)):
                    self.running.fork(share, [])

    def prefectures(self) -> dict:
        return self.running.prefectures()

    def best(self) -> dict:
        return self.running.best()

    def rest(self) -> dict:
        return self.running.rest()


@contextmanager
def beside():
    holder = Beside()
    try:
        yield holder
    finally:
        holder.running.close()
