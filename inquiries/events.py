"""Recording what happens to an inquiry: one event per step, in the transaction that makes the step.

The verbs in `inquiries.services` call `record_event`, then write what the event causes (the
family's notification, see `inquiries.notifications.outbox.notify_family`) themselves.
"""

from __future__ import annotations

from django.db import transaction

from inquiries.models import Inquiry, InquiryEvent


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
    return InquiryEvent.objects.create(
        inquiry=inquiry,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        visible_to_family=visible_to_family,
    )
