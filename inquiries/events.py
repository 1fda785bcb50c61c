"""Recording what happens to an inquiry, and telling the rest of the system about it.

`record_event` must be called inside the transaction that changes the inquiry. Receivers of
`event_recorded` run in that same transaction, so what they write (the notification outbox, for
one) commits or rolls back with the event; anything they send outside the database they must
defer with `transaction.on_commit`.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

from inquiries.models import Inquiry, InquiryEvent

# Sent with sender=InquiryEvent, event=<InquiryEvent>, inside the caller's transaction.
event_recorded = Signal()


def record_event(
    inquiry: Inquiry,
    *,
    from_status: str,
    to_status: str,
    actor=None,
    note: str = "",
    visible_to_family: bool = True,
) -> InquiryEvent:
    """Write one event (from_status "" for a new inquiry; equal statuses for a step that moves nothing)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the transaction that changes the inquiry")
    event = InquiryEvent.objects.create(
        inquiry=inquiry,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        visible_to_family=visible_to_family,
    )
    event_recorded.send(sender=InquiryEvent, event=event)
    return event
