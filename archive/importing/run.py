"""import_csv: one verb that checks a file, writes it in one transaction and records the batch.

This module holds the generic path (SQLite); pg_run the PostgreSQL one; batches what both record."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils.translation import gettext as _

from archive.models import ImportBatch
from archive.signals import batch_imported
from archive.spellings import ensure_spellings

from . import batches, generic, pg_run
from .lookups import burial_site_ids, camp_ids
from .reading import ImportRefused, fingerprint
from .scan import Scan
from .validation import Problem


def import_csv(
    path: Path,
    *,
    user=None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    rejects_path: Path | None = None,
    batch: ImportBatch | None = None,
    progress: bool = False,
    timings: dict | None = None,
) -> ImportBatch:
    """Import an archive CSV file. Bad data never raises: the batch says FAILED and why."""
    path = Path(path)
    if batch is None:
        batch = ImportBatch(file_name=path.name)
        if connection.vendor == "postgresql":
            # Claimed like an upload's (archive.tasks), renewed at each step: should this process
            # stop, the batch shows as interrupted instead of running for ever.
            batch.lease_until = ImportBatch.claim_until()
    batch.file_name = batch.file_name or path.name
    batch.created_by = user if user is not None else batch.created_by
    batch.dry_run = dry_run
    batch.state = ImportBatch.State.RUNNING
    batch.rows_done = batch.created = batch.updated = batch.unchanged = batch.rejected = 0
    batch.errors = []
    try:
        batch.checksum, lines = fingerprint(path)
    except OSError as e:
        batch.checksum = ""
        batches.save(batch)
        return batches.failed(
            batch, [Problem(0, "", str(path), _("ファイルを開けません: %(e)s") % {"e": e.strerror})]
        )
    batch.rows_total = max(lines - 1, 0)
    batches.save(batch)
    if connection.vendor == "postgresql":
        return pg_run.import_postgres(path, batch, user, dry_run, skip_invalid, rejects_path, timings)
    scan = Scan(path, batch, progress=progress)
    try:
        if dry_run:
            rows: list[tuple] = []
            for _row in scan.rows():
                pass
        else:
            rows = list(scan.rows())
    except ImportRefused as e:
        return batches.failed(batch, [e.problem])
    if not batches.checked(
        batch, scan.records, scan.problems, scan.rejected, scan.columns, skip_invalid, rejects_path
    ):
        return batches.failed(batch, None)
    if dry_run:
        return batches.finish(batch)
    try:
        with transaction.atomic():
            refs = SimpleNamespace(
                spellings=ensure_spellings(scan.spellings),
                camps=camp_ids(scan.camps),
                burial_sites=burial_site_ids(scan.burial_sites),
            )
            counts = generic.merge(rows, batch, refs, user=user, reason=batches.import_reason(batch))
            batch.created, batch.updated, batch.unchanged = counts
            batches.finish(batch)
    except Exception:
        batches.crashed(batch, path)
        raise
    batch_imported.send(sender=ImportBatch, batch=batch)
    return batch
