"""Celery tasks of the inquiries app: they take ids, re-read and claim rows, and return quietly when
the work is done. Celery's `autodiscover_tasks()` finds every one of them through this module.

Matching runs after commit: the verbs that file a case or change what matching reads queue
`match_inquiry` by name (`inquiries.services.scheduling`), and so does the receiver of archive's
`batch_imported` for `standing_search`, which re-matches every open case after an import.
"""

from __future__ import annotations

import logging

from celery import shared_task

from inquiries.notifications import reminders, sweeper
from inquiries.notifications.sending import send_notification
from inquiries.services import drafts, retention
from inquiries.services.matching import run_matching, standing_search_ids
from inquiries.services.scheduling import MATCH_INQUIRY, STANDING_SEARCH

__all__ = [
    "clear_expired_drafts", "erase_expired_personal_data", "match_inquiry", "send_notification", "send_reminders", "send_staff_digest", "standing_search",
    "sweep_notifications",
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


@shared_task(name="inquiries.clear_expired_drafts", ignore_result=True)
def clear_expired_drafts() -> int:
    """Expired sessions (Django's clearsessions) and unfinished inquiries' expired or orphaned files."""
    return drafts.clear_expired()


@shared_task(name="inquiries.erase_expired_personal_data", ignore_result=True)
def erase_expired_personal_data() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): erase the personal data of finished cases past retention."""
    return retention.erase_expired()


@shared_task(name=MATCH_INQUIRY, acks_late=True)
def match_inquiry(inquiry_id: int, standing: bool = False) -> int:
    return len(run_matching(inquiry_id, standing=standing))


@shared_task(name=STANDING_SEARCH, acks_late=True)
def standing_search(batch_id: int | None = None) -> int:
    """Fan out one matching task per open inquiry, including those answered 'no record found'."""
    ids = standing_search_ids()
    for inquiry_id in ids:
        match_inquiry.delay(inquiry_id, standing=True)
    log.info("standing search after batch %s: %d inquiries queued", batch_id, len(ids))
    return len(ids)
