"""PostgreSQL path for a big file: the records are checked on a second connection.

The check of the records (repeated ids, suspects, spaces around values) reads the whole raw
table on the import's connection, while the other core is busy deriving or idle. Here the raw
table and the table of rejected lines live in a schema of the import's own, as unlogged tables
both connections can read; the import's connection lists the values it derives from, then
writes the records as if every one were good, while a thread checks them on a connection of its
own. Before committing, the import looks at the outcome (pg_run.py): anything refused or stripped,
and it rolls back and writes again knowing it. The schema is dropped when the import ends; one
left by a killed process is dropped by the next import.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.db import DatabaseError, connection
from django.utils import timezone

from archive.models import ImportBatch

from . import pg_checks

log = logging.getLogger(__name__)
SHARED_FROM = 50_000  # records in the file before a second connection is worth it
_PREFIX = "archive_import_"


class Shared:
    """The import's own schema, first on the search path of the connections that use it."""

    def __init__(self, batch: ImportBatch) -> None:
        self.schema = f"{_PREFIX}{int(batch.pk)}"
        self.previous = ""

    def join(self) -> None:
        """Put the schema first on this connection's search path."""
        with connection.cursor() as cur:
            if not self.previous:
                cur.execute("SHOW search_path")
                self.previous = cur.fetchone()[0]
            cur.execute(f"SET search_path TO {self.schema}, {self.previous}")

    def leave(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"SET search_path TO {self.previous}")

    def create(self) -> None:
        _drop_leftovers()
        with connection.cursor() as cur:
            cur.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            cur.execute(f"CREATE SCHEMA {self.schema}")
        self.join()

    def drop(self) -> None:
        try:
            self.leave()
            with connection.cursor() as cur:
                cur.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
        except Exception:  # the next import drops it
            log.exception("could not drop %s", self.schema)


def _drop_leftovers() -> None:
    """Drop the schemas of imports that are no longer running (a killed process leaves its own):
    finished ones, and interrupted ones (their claim has run out: nothing renews it any more)."""
    running = ImportBatch.objects.filter(state=ImportBatch.State.RUNNING).exclude(
        ImportBatch.claim_run_out(timezone.now())
    )
    running = {f"{_PREFIX}{pk}" for pk in running.values_list("pk", flat=True)}
    with connection.cursor() as cur:
        cur.execute("SELECT nspname FROM pg_namespace WHERE nspname ~ %s", [f"^{_PREFIX}[0-9]+$"])
        for (schema,) in cur.fetchall():
            if schema not in running:
                cur.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@contextmanager
def scratch(batch: ImportBatch, wanted: bool):
    """A Shared schema for the import (None when not wanted or inside a caller's transaction,
    whose tables another connection could not see)."""
    if not wanted or connection.in_atomic_block:
        yield None
        return
    shared = Shared(batch)
    try:
        shared.create()
    except DatabaseError:  # no right to create a schema, say: one connection does it all
        log.warning("importing on one connection: could not create %s", shared.schema, exc_info=True)
        yield None
        return
    try:
        yield shared
    finally:
        shared.drop()


class _Checker(threading.Thread):
    """check_records on a connection of its own."""

    def __init__(self, shared: Shared, columns: list[str]) -> None:
        super().__init__(name="archive-import-check", daemon=True)
        self.shared = shared
        self.columns = columns
        self.found: dict | None = None
        self.listed = threading.Event()
        self.go = threading.Event()
        self.result: tuple | None = None
        self.error: BaseException | None = None

    def derived(self) -> dict:
        self.listed.wait()
        if self.found is None:
            raise RuntimeError("the values were not listed")
        return self.found

    def run(self) -> None:
        try:
            self.go.wait()
            self.shared.join()
            self.result = pg_checks.check_records(self.columns, self.derived, shared=True)
        except BaseException as e:  # raised again in the import's thread
            self.error = e
        finally:
            connection.close()


class Pending:
    """A check of the records under way on the second connection."""

    def __init__(self, checker: _Checker) -> None:
        self.checker = checker
        self.found: dict = checker.found or {}

    def start(self) -> None:
        """Let the check of the records begin (when the import writes them: until then the cores
        derive what the records need)."""
        self.checker.go.set()

    def result(self) -> tuple:
        """(problems, rejected records, profile of the other columns, stripped): see check_records."""
        self.start()
        self.checker.join()
        if self.checker.error is not None:
            raise self.checker.error
        return self.checker.result


def start_check(shared: Shared, columns: list[str], profiled=None, *, at_once: bool = False) -> Pending:
    """List the values the import derives from on this connection (profile_derived) and leave
    the records to be checked on a second one: at once (meanwhile), or when Pending.start() says.

    Not at once, the thread starts after the listing, whose `profiled` may fork the workers:
    a process forks with no other thread of its own."""
    checker = _Checker(shared, columns)
    if at_once:
        checker.go.set()
        checker.start()
    try:
        checker.found = pg_checks.profile_derived(columns, profiled)
    except BaseException:
        checker.listed.set()  # the thread, if started, ends without checking
        if at_once:
            checker.join()
        raise
    checker.listed.set()
    if not at_once:
        checker.start()
    return Pending(checker)


def check(shared: Shared, columns: list[str], profiled=None):
    """pg_checks.check, with the records checked on a second connection meanwhile."""
    pending = start_check(shared, columns, profiled, at_once=True)
    problems, rejected, rest, stripped = pending.result()
    return problems, rejected, pg_checks.whole_profile(pending.found, rest, stripped)
