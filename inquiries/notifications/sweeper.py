"""Queue again what the broker lost: rows still pending after a sweep period, or stuck past their lease.

A crash between commit and publish, a broker that was down, a worker killed mid-send: each leaves a
row that is pending or 'sending' with an expired lease, and each is found here.
"""

from __future__ import annotations

import logging

from inquiries.models import Notification
from inquiries.notifications.sending import publish

log = logging.getLogger(__name__)
BATCH = 1000


def sweep(limit: int = BATCH) -> int:
    ids = list(Notification.objects.due().order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    queued = 0
    for notification_id in ids:
        if not publish(notification_id):
            break  # the broker is still away; the next sweep tries again
        queued += 1
    if ids:
        log.info("sweeper queued %s of %s overdue notification(s)", queued, len(ids))
    return queued
