"""The family's private link: in the receipt e-mail only, and not in the database once it is sent.

Also the demo without a broker (`make run`, no REDIS_URL): tasks run in the request, e-mail is
written as files, and a send that failed is retried with the next notification.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from inquiries.models import Notification
from inquiries.notifications import privacy
from inquiries.services.submission import submit_inquiry
from tests.factories import family_fields
from tests.notifications.inprocess import eager_tasks  # noqa: F401
from tests.notifications.services import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


def file_inquiry(contact: str = "email"):
    return submit_inquiry(f"draft-{uuid.uuid4().hex[:10]}", family_fields(contact=contact), [])


def rows_containing(text: str) -> list[str]:
    """Every row of every table (text columns) that contains `text`."""
    found = []
    for model in apps.get_models():
        text_fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        query = models.Q()
        for name in text_fields:
            query |= models.Q(**{f"{name}__contains": text})
        if text_fields and model._default_manager.filter(query).exists():
            found.append(model._meta.label)
    return found


def mail_files(path) -> list:
    """The messages the file backend wrote (one file per connection; a file may hold several)."""
    messages = []
    for file in sorted(path.iterdir()):
        for part in file.read_bytes().split(b"-" * 79 + b"\n"):
            if part.strip():
                messages.append(message_from_bytes(part, policy=policy.default))
    return messages


@pytest.fixture
def file_mail(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return tmp_path / "mail"


def test_it_writes_one_receipt_file_with_the_link_and_keeps_no_raw_token(
    file_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = file_inquiry()
    assert len(list(file_mail.iterdir())) == 1
    [receipt] = mail_files(file_mail)
    body = receipt.get_body().get_content()
    assert receipt["To"] == submission.inquiry.email
    assert receipt["Subject"].strip() == f"【受付番号 {submission.inquiry.reference}】ご照会を受け付けました"
    assert f"/status/{submission.token}/" in body  # the family has its link

    row = Notification.objects.get(inquiry=submission.inquiry)
    assert row.status == "sent" and receipt["Message-ID"].strip() == row.message_id
    assert rows_containing(submission.token) == []  # nowhere in the database any more
    assert str(privacy.SENT_PLACEHOLDER) in row.body_text
    assert "ご照会を確かに受け付けました" in row.body_text  # the rest stays for staff to read


def test_it_never_puts_the_link_in_a_letter(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = file_inquiry(contact="post")
    letter = Notification.objects.get(inquiry=submission.inquiry)
    assert letter.channel == "letter" and "/status/" not in letter.body_text
    assert rows_containing(submission.token) == []
    page = admin_client.post(
        "/admin/inquiries/notification/", {"action": "print_letters", "_selected_action": [letter.pk]}
    ).content.decode()
    assert submission.inquiry.reference in page and "/status/" not in page


def test_it_keeps_a_failed_demo_send_pending_for_staff_and_sends_it_with_the_next_one(
    settings, file_mail, admin_client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        free_port(),
        2,
    )  # nobody listens
    with django_capture_on_commit_callbacks(execute=True):
        first = file_inquiry()
    row = Notification.objects.get(inquiry=first.inquiry)
    assert (row.status, row.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in row.last_error
    assert f"/status/{first.token}/" in row.body_text  # still to be sent: the link stays until then
    listed = admin_client.get("/admin/inquiries/notification/", {"status__exact": "pending"}).content.decode()
    assert first.inquiry.reference in listed and "ConnectionRefusedError" in listed

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"  # the mail server is back
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() - timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        second = file_inquiry()
    sent_to = sorted(str(m["To"]).strip() for m in mail_files(file_mail))
    assert sent_to == sorted([first.inquiry.email, second.inquiry.email])
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert rows_containing(first.token) == rows_containing(second.token) == []


def test_it_removes_the_link_when_a_receipt_fails_for_good(settings, django_capture_on_commit_callbacks):
    from inquiries.notifications import delivery

    settings.NOTIFY_MAX_ATTEMPTS = 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with django_capture_on_commit_callbacks(execute=True):
        submission = file_inquiry()
    row = Notification.objects.get(inquiry=submission.inquiry)
    assert row.status == "failed"
    assert rows_containing(submission.token) == []
    assert str(privacy.UNSENT_PLACEHOLDER) in row.body_text
    assert delivery.deliver(row.pk).result == "skipped"


def test_it_removes_links_left_in_rows_written_before_redaction():
    import importlib

    migration = importlib.import_module("inquiries.migrations.0008_redact_tracking_links_in_notifications")
    link = "https://internees.example.jp/inquiries/status/OLD-token_123/"
    inquiry = file_inquiry().inquiry
    base = dict(inquiry=inquiry, kind="received", subject="受付", recipient="x", language="ja")
    sent = Notification.objects.create(
        key="old:sent", channel="email", status="sent", body_text=f"a\n{link}\nb", **base
    )
    waiting = Notification.objects.create(
        key="old:pending", channel="email", body_text=f"a\n{link}\nb", **base
    )
    letter = Notification.objects.create(
        key="old:letter", channel="letter", body_text=f"a\n{link}\nb", **base
    )
    migration.redact(apps, None)
    for row in (sent, waiting, letter):
        row.refresh_from_db()
    assert sent.body_text == f"a\n{privacy.SENT_PLACEHOLDER}\nb"
    assert waiting.body_text == f"a\n{link}\nb"  # still to be sent; redacted once it is
    assert letter.body_text == "a\n\nb"
    assert rows_containing("OLD-token_123") == ["inquiries.Notification"]
