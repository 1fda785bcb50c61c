"""One reminder to a family asked for more information; a daily digest of overdue cases for staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from inquiries import tasks
from inquiries.models import InquiryEvent, Notification, Status
from tests.notifications.factories import move, submit
from tests.notifications.inprocess import eager_tasks  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


def days_ago(event_or_inquiry_events, days: int) -> None:
    InquiryEvent.objects.filter(pk__in=event_or_inquiry_events).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def test_it_reminds_a_family_awaited_for_14_days_exactly_once(django_capture_on_commit_callbacks):
    waiting = submit()
    asked = move(waiting, Status.AWAITING_FAMILY, note="ご本籍地を教えてください。")
    recent = submit()
    days_ago([move(recent, Status.AWAITING_FAMILY, note="部隊名をご存じですか。").pk], 13)
    days_ago([asked.pk], 15)
    Notification.objects.update(status="sent")  # the receipts and first requests went out long ago

    for _ in range(2):  # the hourly task runs again: still one reminder
        with django_capture_on_commit_callbacks(execute=True):
            tasks.send_reminders.delay()
    reminders = Notification.objects.filter(kind="reminder")
    assert [(n.inquiry_id, n.status) for n in reminders] == [(waiting.pk, "sent")]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [waiting.email]
    assert "ご本籍地を教えてください。" in mail.outbox[0].body


def test_it_sends_no_reminder_once_the_family_has_answered(django_capture_on_commit_callbacks):
    inquiry = submit()
    days_ago([move(inquiry, Status.AWAITING_FAMILY, note="ご本籍地を教えてください。").pk], 20)
    move(inquiry, Status.SEARCHING, visible=False)  # the family wrote back
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders.delay()
    assert not Notification.objects.filter(kind="reminder").exists()


def test_it_sends_each_staff_member_with_an_address_one_digest_a_day(django_capture_on_commit_callbacks):
    users = get_user_model()
    staff = [
        users.objects.create_user("tanaka", "tanaka@mhlw.example.jp", is_staff=True, first_name="田中"),
        users.objects.create_user("suzuki", "suzuki@mhlw.example.jp", is_staff=True),
    ]
    users.objects.create_user("no-address", "", is_staff=True)
    users.objects.create_user("family", "family@example.jp")  # not staff
    users.objects.create_user("left", "left@mhlw.example.jp", is_staff=True, is_active=False)
    stalled = submit(moved_at=timezone.now() - timedelta(days=31))
    fresh = submit()

    for _ in range(2):  # a second run on the same day writes nothing new
        with django_capture_on_commit_callbacks(execute=True):
            tasks.send_staff_digest.delay()
    digests = [m for m in mail.outbox if m.to[0].endswith("@mhlw.example.jp")]
    assert sorted(m.to[0] for m in digests) == sorted(u.email for u in staff)
    assert Notification.objects.filter(kind="digest").count() == 2
    for message in digests:
        assert message.subject == "【滞留案件】1件の照会が期限を過ぎています"
        assert stalled.reference in message.body and fresh.reference not in message.body
    assert "田中 さん" in next(m.body for m in digests if m.to == ["tanaka@mhlw.example.jp"])


def test_it_sends_no_digest_when_nothing_is_overdue(django_capture_on_commit_callbacks):
    get_user_model().objects.create_user("tanaka", "tanaka@mhlw.example.jp", is_staff=True)
    submit()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_staff_digest.delay().get() == 0
    assert not Notification.objects.filter(kind="digest").exists()
