"""Celery tasks: match one inquiry; re-match every open inquiry after an archive import."""

from __future__ import annotations

import logging

from celery import shared_task

from inquiries.matching.service import run_matching, standing_search_ids

log = logging.getLogger(__name__)


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
