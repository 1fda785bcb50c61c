"""Signal receivers that write notification rows in the transaction of the event that causes them."""

from __future__ import annotations

from django.dispatch import receiver

from inquiries.events import event_recorded
from inquiries.models import InquiryEvent, Notification, Status
from inquiries.notifications import outbox, privacy


@receiver(event_recorded, sender=InquiryEvent, dispatch_uid="notifications.on_event_recorded")
def on_event_recorded(sender, event, **kwargs) -> None:
    if not event.visible_to_family or event.from_status == event.to_status:
        return
    kind = outbox.KIND_FOR_STATUS.get(event.to_status)
    if kind is None:
        return
    inquiry = event.inquiry
    if kind == Notification.Kind.RECEIVED:
        key = outbox.receipt_key(inquiry, "{channel}", "{recipient}")
    else:
        key = f"{event.pk}:{kind}:{{channel}}:{{recipient}}"
    outbox.write_for_inquiry(inquiry, kind, event=event, key=key)


def on_inquiry_submitted(sender, inquiry, tracking_url: str = "", **kwargs) -> None:
    """The receipt e-mail, with the private link that exists only now; fills in a receipt already written.

    Only an e-mail carries the link (and only until it is sent, see `privacy`): a letter is read by
    whoever opens the post, and a telephone call has no use for it.
    """
    key = outbox.receipt_key(inquiry, "{channel}", "{recipient}")
    channel, recipient = outbox.family_channel(inquiry)
    tracking_url = privacy.for_channel(channel, tracking_url)
    existing = Notification.objects.filter(
        key=key.format(channel=channel, recipient=recipient), status=Notification.Status.PENDING
    ).first()
    if existing is None:
        event = inquiry.events.filter(to_status=Status.RECEIVED).order_by("-id").first()
        outbox.write_for_inquiry(
            inquiry, Notification.Kind.RECEIVED, event=event, key=key, tracking_url=tracking_url
        )
        return
    if not tracking_url:
        return  # the receipt already written says everything a letter or a call should
    context = outbox.rendering.inquiry_context(inquiry, None, tracking_url)
    existing.subject, existing.body_text = outbox.rendering.render("received", inquiry.language, **context)
    existing.save(update_fields=["subject", "body_text"])


try:  # the family pages own this signal; connect when it exists
    from inquiries.services.submission import inquiry_submitted
except ImportError:  # pragma: no cover - before the family pages land
    inquiry_submitted = None
else:
    inquiry_submitted.connect(on_inquiry_submitted, dispatch_uid="notifications.on_inquiry_submitted")
