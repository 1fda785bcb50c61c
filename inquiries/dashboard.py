"""Figures for the admin index: where the cases stand, how fast they move, what failed."""

from __future__ import annotations

import statistics
from datetime import timedelta

from django.db.models import Count, Min
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone

from inquiries import policy
from inquiries.models import Inquiry, InquiryEvent, Notification, Status

WEEKS = 8


def counts_by_status() -> list[tuple[str, str, int]]:
    counts = dict(Inquiry.objects.order_by().values_list("status").annotate(n=Count("id")))
    return [(status.value, status.label, counts.get(status.value, 0)) for status in Status]


def intake_per_week(now=None) -> list[tuple[object, int]]:
    now = timezone.localtime(now or timezone.now())
    this_week = (now - timedelta(days=now.weekday())).date()
    weeks = [this_week - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    start = timezone.make_aware(timezone.datetime.combine(weeks[0], timezone.datetime.min.time()))
    rows = (
        Inquiry.objects.filter(created_at__gte=start)
        .annotate(week=TruncWeek("created_at"))
        .order_by()
        .values_list("week")
        .annotate(n=Count("id"))
    )
    counts = {}
    for week, n in rows:
        day = week.date() if hasattr(week, "date") else week
        counts[day] = counts.get(day, 0) + n
    return [(week, counts.get(week, 0)) for week in weeks]


def overdue_per_assignee() -> list[tuple[str, int | None, int]]:
    rows = (
        Inquiry.objects.overdue()
        .order_by()
        .values_list("assignee_id", "assignee__username", "assignee__last_name", "assignee__first_name")
        .annotate(n=Count("id"))
    )
    result = [
        ((f"{last} {first}".strip() or username) if pk else "未割当", pk, n)
        for pk, username, last, first, n in rows
    ]
    return sorted(result, key=lambda row: -row[2])


def median_days_to_answer(since_days: int = 365) -> float | None:
    since = timezone.now() - timedelta(days=since_days)
    firsts = (
        InquiryEvent.objects.filter(to_status=Status.ANSWERED, created_at__gte=since)
        .order_by()
        .values("inquiry_id")
        .annotate(answered=Min("created_at"))
        .values_list("inquiry__created_at", "answered")
    )
    days = [(answered - received).total_seconds() / 86400 for received, answered in firsts]
    return round(statistics.median(days), 1) if days else None


def failed_notifications() -> tuple[int, str]:
    """(count, link to the outbox's failed messages)."""
    url = reverse("admin:inquiries_notification_changelist") + "?status__exact=failed"
    return Notification.objects.failed().count(), url


def figures(user=None) -> dict:
    """The dashboard's figures; with a user, only the links that user may open."""
    may_open_outbox = user is None or policy.may(user, "outbox.view")
    return {
        "by_status": counts_by_status(),
        "per_week": intake_per_week(),
        "overdue": overdue_per_assignee(),
        "median_days": median_days_to_answer(),
        "failed_notifications": failed_notifications() if may_open_outbox else None,
    }
