"""The task that sends one e-mail notification, and handing a notification's id to the broker."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from inquiries.notifications import delivery

log = logging.getLogger(__name__)

# A countdown at or above the visibility timeout would have the broker hand the waiting task to a
# second worker; settings refuses such values, and this stops a worker built around other values.
assert delivery.retry_countdown(settings.NOTIFY_MAX_ATTEMPTS) < settings.CELERY_VISIBILITY_TIMEOUT
assert settings.NOTIFY_LEASE_SECONDS < settings.CELERY_VISIBILITY_TIMEOUT


# Killed before its lease runs out, so a row is never being sent by two workers at once.
@shared_task(
    name="inquiries.send_notification",
    ignore_result=True,
    time_limit=settings.NOTIFY_LEASE_SECONDS,
    soft_time_limit=settings.NOTIFY_LEASE_SECONDS - 1,
)
def send_notification(notification_id: int) -> str:
    outcome = delivery.deliver(notification_id)
    if outcome.result == "retry" and not eager():
        publish(notification_id, countdown=outcome.countdown)  # if this fails the sweeper re-queues it
    return outcome.result


def eager() -> bool:
    """True without a broker (`make run` with no REDIS_URL): tasks run in the process that queues them."""
    return bool(send_notification.app.conf.task_always_eager)


def publish(notification_id: int, countdown: float | None = None) -> bool:
    """Hand a notification to the broker; never raise (the sweeper re-queues what is lost)."""
    try:
        send_notification.apply_async((notification_id,), countdown=countdown)
    except Exception:  # broker down or hanging: the row stays pending for the sweeper
        log.warning("could not queue notification %s; the sweeper will", notification_id, exc_info=True)
        return False
    return True
