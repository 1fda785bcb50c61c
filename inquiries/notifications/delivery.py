"""Sending one e-mail notification at most once per claim.

The row is claimed with a conditional UPDATE (pending and due → sending with a lease), so two
workers, or one message delivered twice by the broker, never send the same notification together.
A redelivered task that finds the row 'sending' under a live lease does nothing.

The window that remains (at-least-once): if a worker dies after the SMTP server accepted the
message and before the row is marked sent, the lease expires, the sweeper queues the row again and
it is sent a second time, with the same Message-ID. The row is marked sent in the same breath as
the server's reply (before QUIT) to keep that window to one database round trip.
"""

from __future__ import annotations

import logging
import smtplib
import socket
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.utils import timezone

from inquiries.models import InquiryEvent, Notification, Status

log = logging.getLogger(__name__)
N = Notification.Status

# For each kind, the statuses in which the message still says something true.
STILL_TRUE = {
    Notification.Kind.MORE_INFO: {Status.AWAITING_FAMILY},
    Notification.Kind.REMINDER: {Status.AWAITING_FAMILY},
    Notification.Kind.ANSWERED: {Status.ANSWERED, Status.CLOSED},
    Notification.Kind.NO_RECORD: {Status.NO_RECORD, Status.CLOSED},
    Notification.Kind.CLOSED: {Status.CLOSED},
}


@dataclass
class Outcome:
    result: str  # sent, skipped, cancelled, retry, failed
    countdown: float | None = None


def retry_countdown(attempts: int) -> int:
    """Exponential backoff, capped below the broker visibility timeout (checked in settings)."""
    delay = settings.NOTIFY_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return min(delay, settings.NOTIFY_RETRY_MAX_SECONDS)


def claim(notification_id: int) -> bool:
    now = timezone.now()
    due = Q(status=N.PENDING, next_attempt_at__lte=now) | Q(status=N.SENDING, lease_until__lt=now)
    return bool(
        Notification.objects.filter(due, pk=notification_id, channel=Notification.Medium.EMAIL).update(
            status=N.SENDING,
            lease_until=now + timedelta(seconds=settings.NOTIFY_LEASE_SECONDS),
            attempts=F("attempts") + 1,
        )
    )


def superseded(notification: Notification) -> bool:
    """True when the inquiry has moved on, so the message would say something no longer true."""
    allowed = STILL_TRUE.get(notification.kind)
    if allowed is None or notification.inquiry_id is None:
        return False
    if notification.inquiry.status not in allowed:
        return True
    event = notification.event
    if event is None:
        return False
    return InquiryEvent.objects.filter(
        inquiry_id=notification.inquiry_id, to_status=event.to_status, visible_to_family=True, pk__gt=event.pk
    ).exists()


def finish(notification_id: int, status: str, **fields) -> None:
    Notification.objects.filter(pk=notification_id, status=N.SENDING).update(
        status=status, lease_until=None, **fields
    )


def build_message(notification: Notification, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        connection=connection,
        headers={"Message-ID": notification.message_id, "Auto-Submitted": "auto-generated"},
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    return message


def permanent(exc: Exception) -> bool:
    """A 5xx answer means the server will never take this message: no retry."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


TRANSIENT = (smtplib.SMTPException, ConnectionError, socket.timeout, OSError)


def deliver(notification_id: int) -> Outcome:
    if not claim(notification_id):
        return Outcome("skipped")
    notification = Notification.objects.select_related("inquiry", "event").get(pk=notification_id)
    if superseded(notification):
        finish(notification_id, N.CANCELLED, last_error="superseded: the inquiry has moved on")
        return Outcome("cancelled")
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    try:
        connection.open()
        sent = build_message(notification, connection).send()
        if not sent:
            raise smtplib.SMTPException("the mail backend sent nothing")
        finish(notification_id, N.SENT, sent_at=timezone.now(), last_error="")
    except TRANSIENT as exc:
        return failed_attempt(notification, exc)
    finally:
        try:
            connection.close()
        except Exception:  # the message is sent or recorded as failed; a broken QUIT changes nothing
            log.debug("closing the SMTP connection failed", exc_info=True)
    return Outcome("sent")


def failed_attempt(notification: Notification, exc: Exception) -> Outcome:
    reason = f"{type(exc).__name__}: {exc}"[:1000]
    attempts = notification.attempts
    if permanent(exc) or attempts >= settings.NOTIFY_MAX_ATTEMPTS:
        log.warning("notification %s failed after %s attempt(s): %s", notification.pk, attempts, reason)
        finish(notification.pk, N.FAILED, last_error=reason)
        return Outcome("failed")
    countdown = retry_countdown(attempts)
    finish(
        notification.pk,
        N.PENDING,
        last_error=reason,
        next_attempt_at=timezone.now() + timedelta(seconds=countdown),
    )
    return Outcome("retry", countdown)
