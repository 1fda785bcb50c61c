"""Background work for the archive: importing an uploaded batch."""

from __future__ import annotations

import logging
from pathlib import Path

from celery import shared_task
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.importing import import_csv
from archive.models import ImportBatch

log = logging.getLogger(__name__)
# A big batch takes minutes, longer than the default task limits. A worker claims a batch for
# ImportBatch.CLAIM and the import renews the claim at each of its steps; a second delivery while it
# runs (past the broker's visibility timeout) waits, and so does the delivery that follows a
# killed worker, which then finds the claim run out and imports the batch again (nothing of the
# killed attempt was committed).
SOFT_TIME_LIMIT = 3 * 60 * 60
TIME_LIMIT = SOFT_TIME_LIMIT + 300


@shared_task(
    bind=True, ignore_result=True, soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT, max_retries=None
)
def import_batch(self, batch_id: int, skip_invalid: bool = False) -> None:
    """Import a stored upload. Claims the batch (pending, or running with its claim run out) so
    that it is imported by one worker at a time and, once done, never again."""
    now = timezone.now()
    # A running batch with no claim at all was started before imports claimed their batches.
    free = (
        Q(state=ImportBatch.State.PENDING)
        | ImportBatch.claim_run_out(now)
        | Q(state=ImportBatch.State.RUNNING, lease_until__isnull=True)
    )
    claimed = ImportBatch.objects.filter(free, pk=batch_id).update(
        state=ImportBatch.State.RUNNING, lease_until=ImportBatch.claim_until(now)
    )
    if not claimed:
        held = ImportBatch.objects.filter(pk=batch_id, state=ImportBatch.State.RUNNING).first()
        if held is None:
            log.info("import batch %s is gone or finished; nothing to do", batch_id)
            return
        if self.request.is_eager:  # in this process: nothing else can be importing it
            log.warning("import batch %s is claimed until %s", batch_id, held.lease_until)
            return
        wait = max(1, int((held.lease_until - now).total_seconds()) + 1)
        log.info("import batch %s is being imported; looking again in %s s", batch_id, wait)
        raise self.retry(countdown=wait)
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
