"""Inquiries and events for notification tests: each step recorded with `record_event` and told to the
family with `notify_family`, as the verbs do."""

from __future__ import annotations

import itertools
import uuid

from django.db import transaction

from inquiries.events import record_event
from inquiries.models import Inquiry, Notification, Status
from inquiries.notifications.outbox import notify_family
from tests.factories import family_fields

_seq = itertools.count(1)


def make_inquiry(*, contact: str = "email", language: str = "ja", **fields) -> Inquiry:
    n = next(_seq)
    tag = uuid.uuid4().hex[:10]
    keys = dict(
        reference=f"2026-{tag[:6]}{n:03d}",
        submission_key=f"notify-{tag}-{n}",
        tracking_token_hash=f"notify-{tag}-{n}",
    )
    return Inquiry.objects.create(**keys, **family_fields(contact=contact, language=language, **fields))


def submit(**fields) -> Inquiry:
    """A new inquiry and its first event in one transaction, as the family pages record it."""
    with transaction.atomic():
        inquiry = make_inquiry(**fields)
        notify_family(record_event(inquiry, from_status="", to_status=Status.RECEIVED))
    return inquiry


def move(inquiry: Inquiry, to_status: str, *, note: str = "", visible: bool = True):
    with transaction.atomic():
        from_status = inquiry.status
        Inquiry.objects.filter(pk=inquiry.pk).update(status=to_status)
        inquiry.status = to_status
        event = record_event(
            inquiry, from_status=from_status, to_status=to_status, note=note, visible_to_family=visible
        )
        notify_family(event)
        return event


def only_notification(inquiry: Inquiry, **filters) -> Notification:
    return Notification.objects.get(inquiry=inquiry, **filters)
