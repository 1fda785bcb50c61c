"""The dashboard on the admin index: the figures staff look at first thing."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from inquiries.models import Inquiry, Status
from inquiries.services.workflow import move
from tests.workflow.conftest import make_inquiry


def test_it_shows_counts_overdue_cases_and_the_median_time_to_answer(client, intake, verifier):
    for _ in range(3):
        make_inquiry(Status.RECEIVED)
    stalled = make_inquiry(Status.SEARCHING, assignee=intake)
    Inquiry.objects.filter(pk=stalled.pk).update(moved_at=timezone.now() - timedelta(days=45))
    answered = make_inquiry(Status.IDENTIFIED)
    Inquiry.objects.filter(pk=answered.pk).update(created_at=timezone.now() - timedelta(days=10))
    move(answered, Status.ANSWERED, user=verifier, note="書面で回答")

    client.force_login(intake)
    page = client.get(reverse("admin:index")).content.decode()
    assert "照会の状況" in page
    assert '?status__exact=received">受付</a></th><td class="status-count">3<' in page
    assert f"?overdue=yes&amp;who={intake.pk}" in page
    assert "受付から回答までの日数" in page and "10.0 日" in page
    assert "週ごとの受付件数" in page


def test_it_counts_failed_notifications_with_a_link(client, intake):
    from inquiries.models import Notification

    for n in range(2):
        Notification.objects.create(
            key=f"bench-{n}", kind="received", channel="email", recipient="family@example.jp",
            subject="受付", body_text="受付しました", status=Notification.Status.FAILED,
        )  # fmt: skip
    client.force_login(intake)
    page = client.get(reverse("admin:index")).content.decode()
    assert "送信に失敗した通知" in page
    assert '?status__exact=failed"><strong>2</strong>' in page


def test_it_shows_no_figures_to_staff_who_may_not_see_inquiries(client, outsider):
    client.force_login(outsider)
    page = client.get(reverse("admin:index")).content.decode()
    assert "照会の状況" not in page
