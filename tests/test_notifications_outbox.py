"""The outbox row is written with the event that causes it, once, on the family's chosen channel."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from inquiries.models import Notification, Status
from inquiries.models.notifications import stable_message_id
from inquiries.notifications import delivery
from tests.notifications.factories import move, only_notification, submit
from tests.notifications.inprocess import eager_tasks  # noqa: F401
from tests.notifications.services import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


def test_it_writes_the_receipt_in_the_transaction_of_the_event(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = submit()
    n = only_notification(inquiry)
    assert (n.kind, n.channel, n.recipient, n.status) == ("received", "email", inquiry.email, "sent")
    assert n.subject.startswith(f"【受付番号 {inquiry.reference}】")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == n.message_id
    assert inquiry.reference in mail.outbox[0].body


def test_it_writes_nothing_when_the_event_is_rolled_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        inquiry = submit()
        raise RuntimeError("the workflow failed after the event")
    assert not Notification.objects.filter(inquiry_id=inquiry.pk).exists()


def test_it_writes_nothing_for_staff_only_events():
    inquiry = submit()
    move(inquiry, Status.SEARCHING, note="内部メモ", visible=False)
    move(inquiry, Status.TRIAGE)  # a family-visible move that tells the family nothing new
    assert list(Notification.objects.filter(inquiry=inquiry).values_list("kind", flat=True)) == ["received"]


def test_it_makes_one_notification_per_event_and_channel_even_if_told_twice():
    from inquiries.notifications.outbox import notify_family

    inquiry = submit()
    event = move(inquiry, Status.AWAITING_FAMILY, note="お父様の部隊名をご存じでしょうか。")
    with transaction.atomic():
        notify_family(event)
    assert Notification.objects.filter(inquiry=inquiry, kind="more_info").count() == 1


def test_it_chooses_the_channel_the_family_asked_for():
    by_post = submit(contact="post")
    by_phone = submit(contact="phone")
    email_without_address = submit(contact="email", email="")
    letter = only_notification(by_post)
    assert letter.channel == "letter"
    assert letter.recipient.splitlines() == ["〒950-0001", "新潟県新潟市中央区一番町1-1", "佐藤 花子 様"]
    assert only_notification(by_phone).channel == "phone"
    assert only_notification(email_without_address).channel == "letter"


def test_it_writes_bereavement_wording_in_the_family_language():
    ja = submit()
    en = submit(language="en")
    for inquiry in (ja, en):
        move(inquiry, Status.ANSWERED, note="昭和21年2月、チタ州の収容所で亡くなられました。")
    ja_body = only_notification(ja, kind="answered").body_text
    en_n = only_notification(en, kind="answered")
    assert "謹んでお知らせ申し上げます" in ja_body
    assert "チタ州" in ja_body and "http" not in ja_body
    assert en_n.subject == f"[Reference {en.reference}] The result of our search for 佐藤 一郎"
    assert "condolences" in en_n.body_text


def test_it_puts_the_private_link_in_the_receipt_e_mail_of_the_submission():
    from inquiries.services.submission import submit_inquiry, tracking_url
    from tests.factories import family_fields

    by_email = submit_inquiry("receipt-link-email", family_fields(), [])
    by_post = submit_inquiry("receipt-link-post", family_fields(contact="post"), [])
    assert tracking_url(by_email.token) in only_notification(by_email.inquiry).body_text
    assert "/status/" not in only_notification(by_post.inquiry).body_text


def test_it_cancels_a_message_the_inquiry_has_moved_past(django_capture_on_commit_callbacks):
    inquiry = submit()
    Notification.objects.update(status="sent")
    asked = move(inquiry, Status.AWAITING_FAMILY, note="ご本籍地を教えてください。")  # queued, not yet sent
    move(inquiry, Status.SEARCHING, visible=False)  # the family answered by phone meanwhile
    n = only_notification(inquiry, event=asked)
    assert delivery.deliver(n.pk).result == "cancelled"
    n.refresh_from_db()
    assert (n.status, n.last_error) == ("cancelled", "superseded: the inquiry has moved on")
    assert mail.outbox == []


def test_it_does_nothing_when_the_notification_was_already_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = submit()
    n = only_notification(inquiry)
    assert delivery.deliver(n.pk).result == "skipped"
    assert len(mail.outbox) == 1


def test_it_cancels_the_first_of_two_requests_for_more_information_and_sends_the_second():
    inquiry = submit()
    Notification.objects.update(status="sent")
    first = move(inquiry, Status.AWAITING_FAMILY, note="ご本籍地を教えてください。")
    move(inquiry, Status.SEARCHING, visible=False)
    second = move(inquiry, Status.AWAITING_FAMILY, note="ご本籍地と部隊名を教えてください。")
    older, newer = only_notification(inquiry, event=first), only_notification(inquiry, event=second)
    assert delivery.deliver(newer.pk).result == "sent"
    assert delivery.deliver(older.pk).result == "cancelled"  # arrives late: would ask the wrong question
    assert [m.body.count("部隊名") for m in mail.outbox] == [1]


def test_it_still_sends_an_answer_when_the_case_was_closed_before_it_went_out():
    """The answer is still true after closing; the family gets both, and neither contradicts the other."""
    inquiry = submit()
    Notification.objects.update(status="sent")
    answered = move(inquiry, Status.ANSWERED, note="昭和21年2月、チタ州の収容所で亡くなられました。")
    closed = move(inquiry, Status.CLOSED)
    assert delivery.deliver(only_notification(inquiry, event=closed).pk).result == "sent"
    assert delivery.deliver(only_notification(inquiry, event=answered).pk).result == "sent"
    assert ["調査結果" in m.subject for m in mail.outbox] == [False, True]


def test_it_cancels_an_answer_when_the_case_was_reopened_before_it_went_out():
    inquiry = submit()
    Notification.objects.update(status="sent")
    answered = move(inquiry, Status.ANSWERED, note="チタ州の収容所で亡くなられました。")
    move(inquiry, Status.SEARCHING, visible=False)  # a second reviewer found the match was wrong
    assert delivery.deliver(only_notification(inquiry, event=answered).pk).result == "cancelled"
    assert mail.outbox == []


def test_it_sends_every_attempt_and_every_resend_with_the_same_message_id(settings, admin_user):
    """A receiving server that de-duplicates by Message-ID shows a repeated send once."""
    from inquiries.notifications.manual import resend

    inquiry = submit()
    n = only_notification(inquiry)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    assert delivery.deliver(n.pk).result == "retry"  # nobody listens on that port
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Notification.objects.filter(pk=n.pk).update(next_attempt_at=n.created_at)
    assert delivery.deliver(n.pk).result == "sent"
    Notification.objects.filter(pk=n.pk).update(status="failed")  # as if the address bounced later
    assert resend(n.pk, admin_user)
    assert delivery.deliver(n.pk).result == "sent"
    n.refresh_from_db()
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [n.message_id] * 2
    assert n.message_id == stable_message_id(n.key)
