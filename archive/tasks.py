"""Background work for the archive: importing an uploaded batch."""

from __future__ import annotations

import logging
from pathlib import Path

from celery import shared_task

from archive.importing import import_csv
from archive.models import ImportBatch

log = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def import_batch(batch_id: int, skip_invalid: bool = False) -> None:
    """Import a stored upload. Claims the batch (pending → running) so it is never imported twice."""
    claimed = ImportBatch.objects.filter(pk=batch_id, state=ImportBatch.State.PENDING).update(
        state=ImportBatch.State.RUNNING
    )
    if not claimed:
        log.info("import batch %s is gone or already taken; nothing to do", batch_id)
        return
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    import_csv(
        Path(batch.uploaded_file.path),
        user=batch.created_by,
        dry_run=batch.dry_run,
        skip_invalid=skip_invalid,
        batch=batch,
        progress=True,
    )
