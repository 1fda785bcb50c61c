"""SMTP answers: 451 is retried with growing pauses; 550 fails at once and is shown to staff."""

from __future__ import annotations

import time

import pytest

from inquiries.models import Notification
from inquiries.notifications.manual import resend
from tests.notifications import services
from tests.notifications.checks import answered_inquiries, assert_exactly_once, wait_until_sent
from tests.notifications.services import wait_for

own_redis, smtp_server, start_worker = services.own_redis, services.smtp_server, services.start_worker
pytestmark = [pytest.mark.services, pytest.mark.slow]


def test_it_delivers_on_the_fourth_try_after_three_451_answers(postgres, start_worker, smtp_server):
    smtp_server.replies = ["451 4.3.0 Try again later"] * 3
    start_worker()
    ids = answered_inquiries(1)
    wait_until_sent(ids, timeout=40)
    assert_exactly_once(ids, smtp_server)
    row = Notification.objects.get(pk=ids[0])
    assert row.attempts == 4
    times = [t for t, _ in smtp_server.attempts]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert [reply[:3] for _, reply in smtp_server.attempts] == ["451", "451", "451", "250"]
    for gap, countdown in zip(gaps, [1, 2, 4], strict=True):  # NOTIFY_RETRY_BASE_SECONDS=1 in tests
        assert gap >= countdown - 0.2, gaps


def test_it_fails_at_once_on_550_and_shows_it_to_staff(
    postgres, start_worker, smtp_server, admin_client, admin_user
):
    smtp_server.replies = ["550 5.1.1 No such mailbox"]
    start_worker()
    ids = answered_inquiries(1)
    assert wait_for(lambda: Notification.objects.filter(pk=ids[0], status="failed").exists(), 20)
    time.sleep(3)  # longer than any retry countdown in tests
    assert len(smtp_server.attempts) == 1
    row = Notification.objects.get(pk=ids[0])
    assert row.attempts == 1 and "550" in row.last_error
    page = admin_client.get("/admin/inquiries/notification/", {"status__exact": "failed"})
    assert row.inquiry.reference in page.content.decode()

    assert resend(row.pk, admin_user)  # staff fixed the address; the server now accepts
    wait_until_sent(ids, timeout=20)
    assert_exactly_once(ids, smtp_server)
