"""Work a verb hands to a Celery worker once its transaction has committed.

The tasks (`inquiries.tasks`) call the verbs, so the verbs name a task instead of importing it;
Celery resolves the name in its registry (eagerly, in-process, when no broker is configured).
"""

from __future__ import annotations

import logging
from functools import partial

from celery import signature
from django.db import transaction

log = logging.getLogger(__name__)

MATCH_INQUIRY = "inquiries.match_inquiry"
STANDING_SEARCH = "inquiries.standing_search"


def queue_quietly(task_name: str, *args) -> None:
    """Queue a task; a broker that is down must not fail the request (the standing search retries)."""
    try:
        signature(task_name, args=args).delay()
    except Exception:
        log.exception("could not queue %s%r", task_name, args)


def match_after_commit(inquiry_id: int) -> None:
    transaction.on_commit(partial(queue_quietly, MATCH_INQUIRY, inquiry_id))


def search_after_import(sender, batch, **kwargs) -> None:
    """Receiver of `archive.signals.batch_imported`: the standing search, after the import commits."""
    transaction.on_commit(partial(queue_quietly, STANDING_SEARCH, batch.pk))
