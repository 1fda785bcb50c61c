"""Celery tasks of the inquiries app: they take ids, re-read and claim rows, and return quietly when
the work is done. Celery's `autodiscover_tasks()` finds every one of them through this module.

Matching runs after commit: `match_after_commit` is called by the verbs that file a case or change
what matching reads; `search_after_import` (connected in `InquiriesConfig.ready` to archive's
`batch_imported`) re-matches every open case after an import.
"""

from __future__ import annotations

import logging
from functools import partial

from celery import shared_task
from django.db import transaction

from inquiries.matching.service import run_matching, standing_search_ids
from inquiries.notifications import reminders, sweeper
from inquiries.notifications.sending import send_notification

__all__ = [
    "match_after_commit", "match_inquiry", "queue_quietly", "search_after_import", "send_notification",
    "send_reminders", "send_staff_digest", "standing_search", "sweep_notifications",
]  # fmt: skip

log = logging.getLogger(__name__)


@shared_task(name="inquiries.sweep_notifications", ignore_result=True)
def sweep_notifications() -> int:
    return sweeper.sweep()


@shared_task(name="inquiries.send_reminders", ignore_result=True)
def send_reminders() -> int:
    return reminders.send_reminders()


@shared_task(name="inquiries.send_staff_digest", ignore_result=True)
def send_staff_digest() -> int:
    return reminders.send_staff_digest()


@shared_task(name="inquiries.match_inquiry", acks_late=True)
def match_inquiry(inquiry_id: int, standing: bool = False) -> int:
    return len(run_matching(inquiry_id, standing=standing))


@shared_task(name="inquiries.standing_search", acks_late=True)
def standing_search(batch_id: int | None = None) -> int:
    """Fan out one matching task per open inquiry, including those answered 'no record found'."""
    ids = standing_search_ids()
    for inquiry_id in ids:
        match_inquiry.delay(inquiry_id, standing=True)
    log.info("standing search after batch %s: %d inquiries queued", batch_id, len(ids))
    return len(ids)


def queue_quietly(task, *args, **kwargs) -> None:
    """Queue a task; a broker that is down must not fail the request (the standing search retries)."""
    try:
        task.delay(*args, **kwargs)
    except Exception:
        log.exception("could not queue %s%r", task.name, args)


def match_after_commit(inquiry_id: int) -> None:
    transaction.on_commit(partial(queue_quietly, match_inquiry, inquiry_id))


def search_after_import(sender, batch, **kwargs) -> None:
    """Receiver of `archive.signals.batch_imported`: the standing search, after the import commits."""
    transaction.on_commit(partial(queue_quietly, standing_search, batch.pk))
