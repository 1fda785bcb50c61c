"""Overdue: the queue, the case page, the dashboard and the staff digest flag the same cases, by one setting."""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from inquiries.models import Notification, Status
from inquiries.notifications.reminders import send_staff_digest
from tests.workflow.conftest import make_inquiry, make_staff

QUEUE = reverse("admin:inquiries_inquiry_changelist")


def _cases_either_side_of_the_line(days: int) -> tuple[set, set]:
    """Each case with a colleague of its own, so the dashboard's rows name the cases; (overdue, not)."""
    now = timezone.now()
    ages = [
        ("stalled", Status.SEARCHING, days + 1, True),
        ("moving", Status.SEARCHING, days - 1, False),
        ("waiting-long", Status.AWAITING_FAMILY, days / 2 + 1, True),
        ("waiting-short", Status.AWAITING_FAMILY, days / 2 - 1, False),
        ("answered", Status.ANSWERED, days * 3, False),
        ("closed", Status.CLOSED, days * 3, False),
    ]
    overdue, on_time = set(), set()
    for name, status, age, is_overdue in ages:
        case = make_inquiry(status, assignee=make_staff(name), moved_at=now - timedelta(days=age))
        (overdue if is_overdue else on_time).add(case)
    return overdue, on_time


def test_it_flags_the_same_cases_in_the_queue_the_dashboard_and_the_digest(client, intake, settings):
    settings.OVERDUE_DAYS = 10
    overdue, on_time = _cases_either_side_of_the_line(10)
    client.force_login(intake)

    page = client.get(QUEUE, {"overdue": "yes"}).content.decode()
    assert {c.reference for c in overdue | on_time if c.reference in page} == {c.reference for c in overdue}
    page = client.get(QUEUE).content.decode()
    flagged = {c.reference for c in overdue | on_time if "期限超過" in _row_of(page, c.reference)}
    assert flagged == {c.reference for c in overdue}

    for case in overdue | on_time:
        page = client.get(reverse("admin:inquiries_inquiry_change", args=[case.pk])).content.decode()
        assert ("⚠ 期限超過" in page) == (case in overdue)

    page = client.get(reverse("admin:index")).content.decode()
    counted = {int(pk): int(n) for pk, n in re.findall(r"overdue=yes&amp;who=(\d+)\">(\d+)<", page)}
    assert counted == {c.assignee_id: 1 for c in overdue}

    get_user_model().objects.create_user("tanaka", "tanaka@mhlw.example.jp", is_staff=True)
    assert send_staff_digest() == 1
    digest = Notification.objects.get(kind=Notification.Kind.DIGEST)
    listed = {c.reference for c in overdue | on_time if c.reference in digest.body_text}
    assert listed == {c.reference for c in overdue}
    assert "2件の照会が期限を過ぎています" in digest.subject
    assert "状況が10日以上（ご家族の回答待ちは5日以上）変わっていない" in digest.body_text


def _row_of(page: str, reference: str) -> str:
    return next(row.split("</tr>")[0] for row in page.split("<tr") if f">{reference}<" in row)
