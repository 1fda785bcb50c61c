"""What staff do by hand: resend a failed message, print letters, log telephone calls."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit import trail
from audit.models import AuditEntry
from inquiries.models import CallLog, Notification
from inquiries.notifications import letters
from inquiries.notifications.outbox import queue_after_commit

N = Notification.Status


def resend(notification_id: int, user) -> bool:
    """Put a failed or cancelled notification back in the queue; False if there is nothing to resend."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status not in {N.FAILED, N.CANCELLED}:
            return False
        who = user.get_username() if user else "-"
        notification.status = N.PENDING
        notification.attempts = 0
        notification.next_attempt_at = timezone.now()
        notification.last_error = f"resent by {who} (was: {notification.last_error})"[:1000]
        notification.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])
        if notification.channel == Notification.Medium.EMAIL:
            queue_after_commit(notification.pk)
    return True


def print_letters(chosen, user) -> str:
    """The letters' pages for the print dialog; each letter printed is one PRINTED audit entry
    about its case (a printed letter carries the family's name and address)."""
    chosen = list(chosen.select_related("inquiry"))
    with transaction.atomic():
        for letter in chosen:
            trail.record_access(letter.inquiry or letter, AuditEntry.Action.PRINTED, user, letter=letter.pk)
    return letters.letter_pages(chosen)


def mark_printed(ids, user) -> int:
    """Letters handed to the post room: pending letters among `ids` become sent (other values ignored)."""
    return Notification.objects.filter(
        pk__in=[int(i) for i in map(str, ids) if i.isdecimal() and len(i) < 19],  # a bigint id at most
        channel=Notification.Medium.LETTER,
        status=N.PENDING,
    ).update(status=N.SENT, sent_at=timezone.now(), attempts=1, last_error="")


def log_call(notification: Notification, user, outcome: str, note: str = "", called_at=None) -> CallLog:
    """Record a call; a call that reached the family marks the notification sent, any other keeps it pending."""
    with transaction.atomic():
        call = CallLog.objects.create(
            notification=notification,
            caller=user,
            outcome=outcome,
            note=note,
            called_at=called_at or timezone.now(),
        )
        fields = {"attempts": notification.calls.count()}
        if outcome == CallLog.Outcome.REACHED:
            fields.update(status=N.SENT, sent_at=call.called_at)
        Notification.objects.filter(pk=notification.pk, status=N.PENDING).update(**fields)
    return call
