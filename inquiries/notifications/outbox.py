"""Writing outbox rows, inside the caller's transaction, and queueing them after commit."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction

from inquiries.models import Contact, Notification, Status
from inquiries.notifications import rendering

log = logging.getLogger(__name__)

# Which family-visible move tells the family what.
KIND_FOR_STATUS = {
    Status.RECEIVED: Notification.Kind.RECEIVED,
    Status.AWAITING_FAMILY: Notification.Kind.MORE_INFO,
    Status.ANSWERED: Notification.Kind.ANSWERED,
    Status.NO_RECORD: Notification.Kind.NO_RECORD,
    Status.CLOSED: Notification.Kind.CLOSED,
}


def family_channel(inquiry) -> tuple[str, str]:
    """(channel, recipient) by the family's choice: e-mail only with an address, else post."""
    if inquiry.preferred_contact == Contact.EMAIL and inquiry.email:
        return Notification.Medium.EMAIL, inquiry.email
    if inquiry.preferred_contact == Contact.PHONE and inquiry.phone:
        return Notification.Medium.PHONE, inquiry.phone
    postal = f"〒{inquiry.postal_code}\n{inquiry.address}\n{rendering.family_name(inquiry)} 様"
    return Notification.Medium.LETTER, postal


def receipt_key(inquiry, channel: str, recipient: str) -> str:
    # Keyed on the inquiry, not the event: the submission signal and the first event both lead here.
    return f"inquiry{inquiry.pk}:received:{channel}:{recipient}"


def write_for_inquiry(
    inquiry, kind: str, *, event=None, key: str, tracking_url: str = ""
) -> Notification | None:
    """Create one family notification unless its key exists; queue it after commit."""
    channel, recipient = family_channel(inquiry)
    key = key.format(channel=channel, recipient=recipient)
    context = rendering.inquiry_context(inquiry, event, tracking_url)
    subject, body = rendering.render(kind, inquiry.language, **context)
    return write(
        key=key,
        inquiry=inquiry,
        event=event,
        kind=kind,
        channel=channel,
        recipient=recipient,
        language=inquiry.language,
        subject=subject,
        body_text=body,
    )


def write(**fields) -> Notification | None:
    """Insert a row if its key is new (a savepoint keeps the caller's transaction usable)."""
    if Notification.objects.filter(key=fields["key"]).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(**fields)
    except IntegrityError:  # written meanwhile by another transaction with the same key
        return None
    if notification.channel == Notification.Medium.EMAIL:
        queue_after_commit(notification.pk)
    return notification


def queue_after_commit(notification_id: int) -> None:
    transaction.on_commit(lambda: publish(notification_id))


def publish(notification_id: int, countdown: float | None = None, *, catch_up: bool = True) -> bool:
    """Hand a notification to the broker; never raise (the sweeper re-queues what is lost).

    Without a broker (`make run` with no REDIS_URL) tasks run eagerly and there is no beat to run
    the sweeper, so each new notification also sends what is overdue: an e-mail whose send failed
    for a while (pending, its error in `last_error` and listed in the admin under 送信待ち) goes out
    with the next notification written after its retry time.
    """
    from inquiries.tasks import send_notification

    try:
        send_notification.apply_async((notification_id,), countdown=countdown)
    except Exception:  # broker down or hanging: the row stays pending for the sweeper
        log.warning("could not queue notification %s; the sweeper will", notification_id, exc_info=True)
        return False
    if catch_up and send_notification.app.conf.task_always_eager:
        from inquiries.notifications.sweeper import sweep

        sweep(limit=EAGER_CATCH_UP)
    return True


EAGER_CATCH_UP = 20
