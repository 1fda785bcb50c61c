"""Background work for the archive: importing an uploaded batch."""

from __future__ import annotations

import logging
from pathlib import Path

from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.importing import import_csv
from archive.models import ImportBatch

log = logging.getLogger(__name__)
# A big batch takes minutes, longer than the default task limits. Past the broker's visibility timeout
# the task may be delivered again while it still runs; the claim below makes that second copy a no-op.
SOFT_TIME_LIMIT = 3 * 60 * 60
TIME_LIMIT = SOFT_TIME_LIMIT + 300


@shared_task(ignore_result=True, soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT)
def import_batch(batch_id: int, skip_invalid: bool = False) -> None:
    """Import a stored upload. Claims the batch (pending → running) so it is never imported twice."""
    claimed = ImportBatch.objects.filter(pk=batch_id, state=ImportBatch.State.PENDING).update(
        state=ImportBatch.State.RUNNING
    )
    if not claimed:
        log.info("import batch %s is gone or already taken; nothing to do", batch_id)
        return
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    try:
        import_csv(
            Path(batch.uploaded_file.path),
            user=batch.created_by,
            dry_run=batch.dry_run,
            skip_invalid=skip_invalid,
            batch=batch,
            progress=True,
        )
    except Exception:
        reason = _("取込が途中で止まりました。記録は書き込まれていません。もう一度アップロードしてください。")
        ImportBatch.objects.filter(pk=batch_id, state=ImportBatch.State.RUNNING).update(
            state=ImportBatch.State.FAILED,
            finished_at=timezone.now(),
            errors=[{"line": 0, "column": "", "value": "", "reason": reason}],
        )
        raise
