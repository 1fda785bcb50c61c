"""import_csv: one verb that checks a file, writes it in one transaction and records the batch."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.models import ImportBatch
from archive.signals import batch_imported
from archive.spellings import ensure_spellings

from . import generic, postgres
from .lookups import burial_site_ids, camp_ids
from .reading import ImportRefused, fingerprint
from .scan import Scan, write_rejects
from .validation import Problem

log = logging.getLogger(__name__)
MAX_STORED_ERRORS = 1000


def import_csv(
    path: Path,
    *,
    user=None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    rejects_path: Path | None = None,
    batch: ImportBatch | None = None,
    progress: bool = False,
) -> ImportBatch:
    """Import an archive CSV file. Bad data never raises: the batch says FAILED and why."""
    path = Path(path)
    batch = batch or ImportBatch(file_name=path.name)
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
        batch.save()
        return _failed(
            batch, [Problem(0, "", str(path), _("ファイルを開けません: %(e)s") % {"e": e.strerror})]
        )
    batch.rows_total = max(lines - 1, 0)
    batch.save()
    use_copy = connection.vendor == "postgresql" and not dry_run
    reporter = postgres.ProgressReporter(batch) if use_copy else None
    scan = Scan(path, batch, progress=progress, report=reporter)
    try:
        if use_copy:
            try:
                postgres.stage(scan.rows())
            finally:
                reporter.close()
            rows: list[tuple] = []
        elif dry_run:
            rows = []
            for _row in scan.rows():
                pass
        else:
            rows = list(scan.rows())
    except ImportRefused as e:
        if use_copy:
            postgres.drop_stage()
        return _failed(batch, [e.problem])
    batch.rows_total = batch.rows_done = scan.records
    batch.rejected = len(scan.rejected)
    batch.errors = [p.as_dict() for p in scan.problems[:MAX_STORED_ERRORS]]
    if rejects_path is not None and scan.rejected:
        write_rejects(Path(rejects_path), scan)
    if scan.problems and not skip_invalid:
        if use_copy:
            postgres.drop_stage()
        return _failed(batch, None)
    if dry_run:
        return _finish(batch)
    reason = (_("取込 #%(id)s %(file)s") % {"id": batch.pk, "file": batch.file_name})[:100]
    try:
        with transaction.atomic():
            refs = SimpleNamespace(
                spellings=ensure_spellings(scan.spellings),
                camps=camp_ids(scan.camps),
                burial_sites=burial_site_ids(scan.burial_sites),
            )
            if use_copy:
                counts = postgres.merge(batch, user=user, reason=reason)
            else:
                counts = generic.merge(rows, batch, refs, user=user, reason=reason)
            batch.created, batch.updated, batch.unchanged = counts
            _finish(batch)
    except Exception:
        log.exception("import of %s failed", path)
        if use_copy:
            postgres.drop_stage()
        ImportBatch.objects.filter(pk=batch.pk).update(
            state=ImportBatch.State.FAILED, finished_at=timezone.now()
        )
        raise
    if use_copy:
        postgres.analyse()
    batch_imported.send(sender=ImportBatch, batch=batch)
    return batch


def _finish(batch: ImportBatch) -> ImportBatch:
    batch.state = ImportBatch.State.DONE
    batch.finished_at = timezone.now()
    batch.save()
    return batch


def _failed(batch: ImportBatch, problems: list[Problem] | None) -> ImportBatch:
    if problems is not None:
        batch.errors = [p.as_dict() for p in problems]
    batch.state = ImportBatch.State.FAILED
    batch.finished_at = timezone.now()
    batch.save()
    return batch
