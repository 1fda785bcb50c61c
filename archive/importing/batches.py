"""The batch an import records: what the check found, how it ended, and the clock of its steps."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from archive.models import ImportBatch

from .scan import write_rejects
from .validation import Problem

log = logging.getLogger(__name__)
MAX_STORED_ERRORS = 1000
_REASON = gettext_noop("取込 #%(id)s %(file)s")
REASON_MAX = 100


def import_reason(batch: ImportBatch) -> str:
    """The reason of the audit entries an import writes for the records it changes."""
    return (_(_REASON) % {"id": batch.pk, "file": batch.file_name})[:REASON_MAX]


def checked(batch, records, problems, rejected, columns, skip_invalid, rejects_path) -> bool:
    """Record what the check found; False when nothing may be imported."""
    batch.rows_total = batch.rows_done = records
    batch.rejected = len(rejected)
    batch.errors = [p.as_dict() for p in problems[:MAX_STORED_ERRORS]]
    if rejects_path is not None and rejected:
        write_rejects(Path(rejects_path), SimpleNamespace(columns=columns, rejected=rejected))
    return not problems or skip_invalid


def crashed(batch: ImportBatch, path: Path, cleanup=None) -> None:
    """Log the exception being handled, run `cleanup` and mark the batch failed."""
    log.exception("import of %s failed", path)
    if cleanup is not None:
        cleanup()
    ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.FAILED, finished_at=timezone.now())


class Clock:
    """Seconds per phase into `timings` (for the benchmark), when given; calls `tick` at the end
    of each phase (the batch's claim is renewed then)."""

    def __init__(self, timings: dict | None, tick=None) -> None:
        self.timings = timings
        self.tick = tick
        self.last = time.perf_counter()

    def __call__(self, phase: str) -> None:
        if self.tick is not None:
            self.tick()
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[phase] = self.timings.get(phase, 0.0) + now - self.last
        self.last = now


def save(batch: ImportBatch) -> None:
    """Save the batch, but never its claim: a worker's claim is renewed beside the import
    (ProgressReporter.renew) and the value in memory is an old one."""
    if batch.pk is None:
        batch.save()
    else:
        batch.save(
            update_fields=[
                f.name for f in ImportBatch._meta.concrete_fields if f.name not in {"id", "lease_until"}
            ]
        )


def finish(batch: ImportBatch) -> ImportBatch:
    batch.state = ImportBatch.State.DONE
    batch.finished_at = timezone.now()
    save(batch)
    return batch


def failed(batch: ImportBatch, problems: list[Problem] | None) -> ImportBatch:
    if problems is not None:
        batch.errors = [p.as_dict() for p in problems]
    batch.state = ImportBatch.State.FAILED
    batch.finished_at = timezone.now()
    save(batch)
    return batch
