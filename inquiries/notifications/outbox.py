"""Writing outbox rows, inside the caller's transaction, and queueing them after commit.

The verbs call `notify_family(event)` after recording a step; it writes the family's message when
the step tells them something. The receipt is written once, by the submission, with the private
link when it goes by e-mail (see `privacy`).
"""

from __future__ import annotations

from functools import partial

from django.db import IntegrityError, transaction

from inquiries.models import Contact, InquiryEvent, Notification, Status
from inquiries.notifications import privacy, rendering
from inquiries.notifications.sending import eager, publish
from inquiries.notifications.sweeper import sweep

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
    # Keyed on the inquiry, not the event: one receipt per inquiry, however it was filed.
    return f"inquiry{inquiry.pk}:received:{channel}:{recipient}"


def notify_family(event: InquiryEvent, *, tracking_url: str = "") -> Notification | None:
    """The family's message about a step, when the step tells them something; once per step.

    Only the receipt carries `tracking_url`, and only by e-mail: a letter is read by whoever opens
    the post, and a telephone call has no use for it.
    """
    if not event.visible_to_family or event.from_status == event.to_status:
        return None
    kind = KIND_FOR_STATUS.get(event.to_status)
    if kind is None:
        return None
    inquiry = event.inquiry
    if kind == Notification.Kind.RECEIVED:
        key = receipt_key(inquiry, "{channel}", "{recipient}")
        tracking_url = privacy.for_channel(family_channel(inquiry)[0], tracking_url)
    else:
        key = f"{event.pk}:{kind}:{{channel}}:{{recipient}}"
        tracking_url = ""
    return write_for_inquiry(inquiry, kind, event=event, key=key, tracking_url=tracking_url)


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
    transaction.on_commit(partial(publish_and_catch_up, notification_id))


def publish_and_catch_up(notification_id: int) -> None:
    """Publish; without a broker, also send what is overdue.

    Without a broker (`make run` with no REDIS_URL) tasks run eagerly and there is no beat to run
    the sweeper, so each new notification also sends what is overdue: an e-mail whose send failed
    for a while (pending, its error in `last_error` and listed in the admin under 送信待ち) goes out
    with the next notification written after its retry time.
    """
    if publish(notification_id) and eager():
        sweep(limit=EAGER_CATCH_UP)


EAGER_CATCH_UP = 20
