"""Celery tasks: they take ids, re-read and claim rows, and return quietly when the work is done."""

from __future__ import annotations

from celery import shared_task
from celery.signals import task_postrun, task_prerun, worker_process_shutdown
from django.conf import settings
from django.db import close_old_connections

from inquiries.notifications import delivery, mailer, reminders, sweeper
from inquiries.notifications.outbox import publish

# A countdown at or above the visibility timeout would have the broker hand the waiting task to a
# second worker; settings refuses such values, and this stops a worker built around other values.
assert delivery.retry_countdown(settings.NOTIFY_MAX_ATTEMPTS) < settings.CELERY_VISIBILITY_TIMEOUT
assert settings.NOTIFY_LEASE_SECONDS < settings.CELERY_VISIBILITY_TIMEOUT

# Each pool child keeps one SMTP connection open between tasks; it says QUIT when the child ends.
worker_process_shutdown.connect(mailer.close, dispatch_uid="notifications.close_smtp", weak=False)


# Database connections are kept between tasks (CELERY_DB_REUSE_MAX) and handled as Django handles
# them between requests: closed when broken or older than CONN_MAX_AGE.
def _close_old_connections(sender=None, **kwargs) -> None:
    if not getattr(getattr(sender, "request", None), "is_eager", False):
        close_old_connections()


task_prerun.connect(_close_old_connections, dispatch_uid="notifications.close_old_db_prerun", weak=False)
task_postrun.connect(_close_old_connections, dispatch_uid="notifications.close_old_db_postrun", weak=False)


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
