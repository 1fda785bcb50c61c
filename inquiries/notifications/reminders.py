"""One reminder to families asked for more information, and a daily digest of overdue cases for staff."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from inquiries.models import Inquiry, InquiryEvent, Notification, Status, overdue_days
from inquiries.notifications import outbox, rendering

DIGEST_LIMIT = 50


def send_reminders(now=None) -> int:
    """Remind each family still awaited after NOTIFY_REMINDER_DAYS, once per request (the key says so)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NOTIFY_REMINDER_DAYS)
    written = 0
    for inquiry in Inquiry.objects.filter(status=Status.AWAITING_FAMILY):
        event = (
            InquiryEvent.objects.filter(
                inquiry=inquiry, to_status=Status.AWAITING_FAMILY, visible_to_family=True
            )
            .order_by("-id")
            .first()
        )
        if event is None or event.created_at > cutoff:
            continue
        with transaction.atomic():
            key = f"{event.pk}:reminder:{{channel}}:{{recipient}}"
            if outbox.write_for_inquiry(inquiry, Notification.Kind.REMINDER, event=event, key=key):
                written += 1
    return written


def overdue_inquiries(now=None):
    """The cases the queue flags as overdue, the longest unmoved first."""
    return Inquiry.objects.overdue(now).order_by("moved_at", "id")


def send_staff_digest(now=None) -> int:
    """One e-mail a day to each staff member with an address, listing overdue cases (none if none)."""
    now = now or timezone.now()
    overdue = list(overdue_inquiries(now)[: DIGEST_LIMIT + 1])
    total = overdue_inquiries(now).count()
    if not total:
        return 0
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    written = 0
    for user in staff:
        subject, body = rendering.render(
            "digest",
            "ja",
            staff_name=user.get_full_name() or user.get_username(),
            inquiries=overdue[:DIGEST_LIMIT],
            count=total,
            more=max(total - DIGEST_LIMIT, 0),
            days=overdue_days(),
            awaiting_days=overdue_days(waiting_for_family=True),
        )
        key = f"digest:{timezone.localdate(now).isoformat()}:email:{user.email}"
        with transaction.atomic():
            if outbox.write(
                key=key,
                kind=Notification.Kind.DIGEST,
                channel=Notification.Medium.EMAIL,
                recipient=user.email,
                language="ja",
                subject=subject,
                body_text=body,
            ):
                written += 1
    return written
