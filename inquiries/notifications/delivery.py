"""Sending one e-mail notification at most once per claim, in two database round trips.

The claim is one conditional UPDATE ... RETURNING (pending and due, or 'sending' with an expired
lease → 'sending' with a new lease) that also returns what the message needs and what the inquiry
looks like now; marking the row sent is a second UPDATE. Two workers, or one task delivered twice
by the broker, never send the same notification together: the second UPDATE matches no row. A
redelivered task that finds the row 'sending' under a live lease does nothing.

The window that remains (at-least-once): if a worker dies after the SMTP server accepted the
message and before the row is marked sent, the lease expires, the sweeper queues the row again and
it is sent a second time. It carries the same Message-ID (`stable_message_id`, derived from the
row's key and stored on the row), so a receiving server or mail client that de-duplicates by
Message-ID shows it once. The UPDATE that marks the row sent is built before the message is sent
and executed straight after the server's 250 reply (the connection is kept open for the next
message, see `mailer`; no QUIT or bookkeeping comes in between), so the window is as short as the
reply's trip and one statement's trip to the database: once PostgreSQL has the statement it
commits it even if the worker dies.
"""

from __future__ import annotations

import logging
import smtplib
import socket
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.utils import timezone

from inquiries.models import InquiryEvent, Notification, Status
from inquiries.notifications import mailer, privacy

log = logging.getLogger(__name__)
N = Notification.Status

# For each kind, the statuses in which the message still says something true. A message for an
# older status that is sent late is cancelled as soon as the inquiry is no longer in one of these.
# An answer (or "no record") stays true when the case is closed afterwards, so it is still sent
# then, even if it reaches the family after the closing message: both say true things.
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


@dataclass
class Claimed:
    """A claimed row: what the message needs, and the inquiry as it is at the moment of the claim."""

    pk: int
    kind: str
    recipient: str
    subject: str
    body_text: str
    body_html: str
    message_id: str
    attempts: int
    inquiry_status: str | None
    newer_request: bool  # a later family-visible event moved the inquiry to the same status again


def _claim_sql() -> str:
    q = connection.ops.quote_name
    n, i, e = (
        q(m._meta.db_table) for m in (Notification, Notification.inquiry.field.related_model, InquiryEvent)
    )
    return f"""
        UPDATE {n} SET status = %s, lease_until = %s, attempts = attempts + 1
        WHERE id = %s AND channel = %s
          AND ((status = %s AND next_attempt_at <= %s) OR (status = %s AND lease_until < %s))
        RETURNING id, kind, recipient, subject, body_text, body_html, message_id, attempts,
          (SELECT inq.status FROM {i} inq WHERE inq.id = {n}.inquiry_id),
          (SELECT COUNT(*) FROM {e} later JOIN {e} own ON own.id = {n}.event_id
            WHERE later.inquiry_id = own.inquiry_id AND later.to_status = own.to_status
              AND later.visible_to_family = %s AND later.id > own.id)
    """  # table names from the models, values as parameters  # nosec B608 # table and column names from the models, quoted; values go as parameters


def claim(notification_id: int) -> Claimed | None:
    """Take a due e-mail row for sending, in one statement; None if it is not ours to send."""
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    lease = adapt(now + timedelta(seconds=settings.NOTIFY_LEASE_SECONDS))
    with connection.cursor() as cursor:
        cursor.execute(
            _claim_sql(),
            [N.SENDING, lease, notification_id, Notification.Medium.EMAIL,
             N.PENDING, adapt(now), N.SENDING, adapt(now), True],
        )  # fmt: skip
        row = cursor.fetchone()
    if row is None:
        return None
    return Claimed(*row[:9], newer_request=bool(row[9]))


def still_true(claimed: Claimed) -> bool:
    """Whether the message still says something true about the inquiry as it is now.

    A message for an older status that is sent late (a request for more information after the
    family already answered, a result after the case was reopened, the first of two requests) is
    cancelled. An 'answered' or 'no record' message after the case was closed is sent: what it
    says is still true, and the closing message says nothing that contradicts it. Receipts and
    staff digests are always sent. Between this check and the server's reply the inquiry may still
    move; the message for that newer status is then sent after this one, never before it.
    """
    allowed = STILL_TRUE.get(claimed.kind)
    if allowed is None or claimed.inquiry_status is None:
        return True
    return claimed.inquiry_status in allowed and not claimed.newer_request


def finish(claimed: Claimed, status: str, **fields) -> None:
    """Leave 'sending' with one UPDATE; a finished receipt loses its private link (see `privacy`)."""
    execute(finishing(claimed, status, **fields))


def finishing(claimed: Claimed, status: str, **fields) -> tuple[str, list]:
    """The UPDATE that leaves 'sending', built in advance so that after the server's 250 reply the
    only thing left to do is to send it to the database."""
    if status != N.PENDING:
        redacted = privacy.redact(claimed.body_text, delivered=status == N.SENT)
        if redacted != claimed.body_text:
            fields["body_text"] = redacted
    values = {"status": status, "lease_until": None, **fields}
    q, opts = connection.ops.quote_name, Notification._meta
    columns = ", ".join(f"{q(opts.get_field(name).column)} = %s" for name in values)
    params = [opts.get_field(name).get_db_prep_save(value, connection) for name, value in values.items()]
    sql = f"UPDATE {q(opts.db_table)} SET {columns} WHERE id = %s AND status = %s"  # nosec B608 # table and column names from the models, quoted; values go as parameters
    return sql, [*params, claimed.pk, N.SENDING]


def execute(statement: tuple[str, list]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(*statement)


def build_message(claimed: Claimed) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=claimed.subject,
        body=claimed.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[claimed.recipient],
        headers={"Message-ID": claimed.message_id, "Auto-Submitted": "auto-generated"},
    )
    if claimed.body_html:
        message.attach_alternative(claimed.body_html, "text/html")
    return message


def permanent(exc: Exception) -> bool:
    """A 5xx answer means the server will never take this message: no retry."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


TRANSIENT = (smtplib.SMTPException, ConnectionError, socket.timeout, OSError)
HUNG_UP = (smtplib.SMTPServerDisconnected, ConnectionError)


def deliver(notification_id: int) -> Outcome:
    claimed = claim(notification_id)
    if claimed is None:
        return Outcome("skipped")
    if not still_true(claimed):
        finish(claimed, N.CANCELLED, last_error="superseded: the inquiry has moved on")
        return Outcome("cancelled")
    message = build_message(claimed)
    mark_sent = finishing(claimed, N.SENT, sent_at=timezone.now(), last_error="")
    try:
        sent = send(message)
        if not sent:
            raise smtplib.SMTPException("the mail backend sent nothing")
    except TRANSIENT as exc:
        return failed_attempt(claimed, exc)
    execute(mark_sent)  # the duplicate window: from the server's 250 to this statement reaching the database
    return Outcome("sent")


def send(message) -> int:
    """Send over the kept-open connection; if the server had hung up on it while idle, once more afresh."""
    reused = mailer.reused()
    try:
        return mailer.send(message)
    except HUNG_UP:
        if not reused:
            raise
        log.info("the SMTP server closed the kept-open connection; sending over a new one")
        return mailer.send(message)


def failed_attempt(claimed: Claimed, exc: Exception) -> Outcome:
    reason = f"{type(exc).__name__}: {exc}"[:1000]
    attempts = claimed.attempts
    if permanent(exc) or attempts >= settings.NOTIFY_MAX_ATTEMPTS:
        log.warning("notification %s failed after %s attempt(s): %s", claimed.pk, attempts, reason)
        finish(claimed, N.FAILED, last_error=reason)
        return Outcome("failed")
    countdown = retry_countdown(attempts)
    finish(
        claimed,
        N.PENDING,
        last_error=reason,
        next_attempt_at=timezone.now() + timedelta(seconds=countdown),
    )
    return Outcome("retry", countdown)
