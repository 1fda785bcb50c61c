"""Celery tasks: they take ids, re-read and claim rows, and return quietly when the work is done."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from inquiries.notifications import delivery, reminders, sweeper
from inquiries.notifications.outbox import publish

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
    if outcome.result == "retry" and not send_notification.app.conf.task_always_eager:
        publish(notification_id, countdown=outcome.countdown)  # if this fails the sweeper re-queues it
    return outcome.result


@shared_task(name="inquiries.sweep_notifications", ignore_result=True)
def sweep_notifications() -> int:
    return sweeper.sweep()


@shared_task(name="inquiries.send_reminders", ignore_result=True)
def send_reminders() -> int:
    return reminders.send_reminders()


@shared_task(name="inquiries.send_staff_digest", ignore_result=True)
def send_staff_digest() -> int:
    return reminders.send_staff_digest()
