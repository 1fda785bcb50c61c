"""import_csv on PostgreSQL: COPY the file into a table of its own, check and derive set-wise,
merge in SQL (a big file's records checked on a second connection meanwhile, pg_shared)."""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext as _

from archive.models import ImportBatch
from archive.signals import batch_imported

from . import batches, pg_checks, pg_copy, pg_derive, pg_shared, postgres, prederive
from .reading import ImportRefused
from .scan import Scan

log = logging.getLogger(__name__)


def import_postgres(path, batch, user, dry_run, skip_invalid, rejects_path, timings) -> ImportBatch:
    """COPY the file into a table of its own, check and derive set-wise, merge in SQL."""
    # Spellings and prefectures are derived on the other cores while PostgreSQL lists them; a big
    # file's records are checked on a second connection while the first writes them.
    big = batch.rows_total >= pg_shared.SHARED_FROM
    reporter = postgres.ProgressReporter(batch)
    try:
        with prederive.beside() as pre, pg_shared.scratch(batch, big) as shared:
            return _import_postgres_steps(
                path, batch, user, dry_run, skip_invalid, rejects_path, timings, pre, shared, reporter
            )
    finally:
        reporter.close()


class _Recheck(Exception):
    """The records checked beside the import were not all good: write again, knowing it."""

    def __init__(self, result: tuple) -> None:
        super().__init__("recheck")
        self.result = result


def _import_postgres_steps(
    path, batch, user, dry_run, skip_invalid, rejects_path, timings, pre, shared, reporter
):
    clock = batches.Clock(timings, reporter.renew)
    pending = None
    try:
        columns = pg_copy.header_of(path)
        try:
            with transaction.atomic():  # a failed COPY must leave a caller's transaction usable
                pg_copy.create_raw(columns, shared=shared is not None)
                records = pg_copy.copy_file(path, columns, reporter, path.stat().st_size, batch.rows_total)
            clock("copy")
            if shared is not None and not dry_run:
                # The records are checked on the second connection while the import goes on as
                # if they were all good; it looks at the outcome before it commits.
                pending = pg_shared.start_check(shared, columns, pre.start)
                problems, rejected, found = [], [], dict(pending.found)
            elif shared is not None:
                problems, rejected, found = pg_shared.check(shared, columns)
            else:
                problems, rejected, found = pg_checks.check(columns, None if dry_run else pre.start)
        except pg_copy.CopyFailed:
            # PostgreSQL stops at the first record it cannot read (broken UTF-8, wrong number of
            # fields, a blank line): the Python reader names every such record and the rest go in.
            records, problems, rejected, found = _copy_with_python(path, batch, columns, reporter)
        clock("check")
        if records == 0:
            raise ImportRefused(_("見出し行だけで、データ行がありません。"))
    except ImportRefused as e:
        _outcome(pending)  # wait for it: it no longer matters
        drop_temporary()
        return batches.failed(batch, [e.problem])
    if (
        not batches.checked(batch, records, problems, rejected, columns, skip_invalid, rejects_path)
        or dry_run
    ):
        drop_temporary()
        return batches.failed(batch, None) if problems and not skip_invalid else batches.finish(batch)
    write = (path, batch, user, columns, records, pre, clock)
    try:
        _write(*write, found, rejected, pending)
    except _Recheck as recheck:  # everything it wrote was rolled back
        problems, rejected, rest, stripped = recheck.result
        found = pg_checks.whole_profile(found, rest, stripped)
        if not batches.checked(batch, records, problems, rejected, columns, skip_invalid, rejects_path):
            drop_temporary()
            return batches.failed(batch, None)
        _write(*write, found, rejected, None)
    clock("commit")
    if batch.created + batch.updated >= postgres.ANALYSE_FROM:  # autovacuum sees to smaller changes
        postgres.analyse()
        clock("analyse")
    batch_imported.send(sender=ImportBatch, batch=batch)
    return batch


def _write(path, batch, user, columns, records, pre, clock, found, rejected, pending) -> None:
    """Derive, merge and record the batch in one transaction. `pending`: the check of the
    records still under way (pg_shared); if it finds anything, _Recheck rolls all back."""
    any_rejected = bool(rejected)
    own_transaction = not connection.in_atomic_block
    try:
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SET LOCAL synchronous_commit = off")
                cur.execute("SET LOCAL work_mem = '256MB'")
                cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
            if any_rejected:  # derive for the valid records only
                found = pg_checks.profile(columns, f"WHERE {pg_checks.valid_rows()}")[0]
            # What needs nothing derived, or only the prefectures, is written while the workers
            # derive the spellings.
            spellings = pg_derive.spellings(found, columns)
            pg_derive.camps_and_burial_sites(found, columns)
            pg_derive.places(found, pre.prefectures())
            clock("spellings, camps, places")
            best = pre.best()
            clock("waiting for derivation")
            pg_derive.names(spellings, best)
            clock("names")
            valid = records - len(rejected)
            if pending is not None:
                pending.start()  # on the core the merge leaves free
            with postgres.BulkLoad(valid, own_transaction=own_transaction) as bulk:
                counts = postgres.merge(
                    batch,
                    columns,
                    valid,
                    any_rejected=any_rejected,
                    plain=bulk.empty,
                    user=user,
                    reason=batches.import_reason(batch),
                )
                clock("merge")
                # The rest of each new spelling was derived beside the merge.
                pg_derive.complete_names(spellings.new, pre.rest())
                clock("spellings completed")
                if pending is not None:
                    result = pending.result()
                    clock("check beside")
                    if _found_anything(result):
                        raise _Recheck(result)
            if bulk.restore:
                clock("indexes")
            batch.created, batch.updated, batch.unchanged = counts
            batches.finish(batch)
            drop_temporary()
    except _Recheck:
        raise
    except Exception:
        # Written as if every record were good, a bad one can fail a statement (a year that is
        # not a number, a repeated id): then the check says which.
        result = _outcome(pending)
        if result is not None and _found_anything(result):
            raise _Recheck(result) from None
        batches.crashed(batch, path, drop_temporary)
        raise


def _found_anything(result: tuple) -> bool:
    """Whether the check beside refused or stripped anything (check_records' result)."""
    problems, _rejected, _rest, stripped = result
    return bool(problems) or stripped


def _outcome(pending) -> tuple | None:
    """The check under way's result, or None when there is none or it failed."""
    if pending is None:
        return None
    try:
        return pending.result()
    except Exception:
        log.exception("the check beside the import failed")
        return None


def _copy_with_python(path: Path, batch: ImportBatch, columns: list[str], reporter):
    scan = Scan(path, batch, report=reporter)
    try:
        with transaction.atomic():
            pg_copy.create_raw(columns)
            pg_copy.copy_records(scan.valid_records(), columns)
    except pg_copy.CopyFailed as e:
        raise pg_copy.refusal(e) from None
    problems, rejected, found = pg_checks.check(columns)  # duplicates among the rows the reader passed
    return scan.records, scan.problems + problems, scan.rejected + rejected, found


def drop_temporary() -> None:
    with connection.cursor() as cur:
        for table in (pg_copy.RAW, pg_checks.ORIGINAL, pg_checks.REJECTED, pg_derive.NAMES, pg_derive.PLACES):
            cur.execute(f"DROP TABLE IF EXISTS {table}")
