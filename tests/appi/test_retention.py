"""Retention (APPI): finished cases lose the applicant's personal data after the period the manager
sets; open cases are never touched. Time moves through the services' `now`."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from audit.models import AuditEntry
from inquiries.models import Document, Inquiry, Message, Notification, RetentionPolicy, Status
from inquiries.services import retention
from inquiries.tasks import erase_expired_personal_data
from inquiries.tokens import hash_token
from tests.appi.conftest import DAYS
from tests.appi.factories import APPLICANT, applicant_cases

pytestmark = pytest.mark.django_db


def finished(inquiry, status=Status.CLOSED, *, at):
    Inquiry.objects.filter(pk=inquiry.pk).update(status=status, moved_at=at)
    Message.objects.filter(inquiry=inquiry).update(created_at=at - timedelta(days=1))
    inquiry.refresh_from_db()
    return inquiry


def personal_strings() -> list[str]:
    return [
        APPLICANT["applicant_surname"] + "です",
        APPLICANT["email"],
        APPLICANT["phone"],
        APPLICANT["address"],
    ]


def test_it_keeps_a_closed_case_the_day_before_the_limit_and_erases_it_the_day_after(
    private, django_capture_on_commit_callbacks
):
    closed_at = timezone.now()
    (case,) = applicant_cases(documents=2, messages=3)
    case = finished(case, at=closed_at)
    files = [private / d.file.name for d in Document.objects.filter(inquiry=case)]
    assert all(f.exists() for f in files)

    with django_capture_on_commit_callbacks(execute=True):
        assert retention.erase_expired(now=closed_at + timedelta(days=DAYS - 1)) == 0
    case.refresh_from_db()
    assert case.applicant_surname == "山本" and case.email == APPLICANT["email"]
    assert all(f.exists() for f in files)

    with django_capture_on_commit_callbacks(execute=True):
        assert retention.erase_expired(now=closed_at + timedelta(days=DAYS + 1)) == 1
    case.refresh_from_db()
    assert (case.applicant_surname, case.applicant_given_name) == ("（消去済み）", "（消去済み）")
    assert case.applicant_surname_kana == "" and case.applicant_birth_year is None
    assert (case.postal_code, case.address, case.phone, case.email, case.family_knowledge) == ("",) * 5
    assert case.erased_at is not None and len(case.tracking_token_hash) < 64
    assert not any(f.exists() for f in files)
    assert not any(Path(private).rglob("*.pdf"))
    assert set(Document.objects.filter(inquiry=case).values_list("file", flat=True)) == {""}
    assert set(Message.objects.filter(inquiry=case).values_list("body", flat=True)) == {""}
    receipt = Notification.objects.get(inquiry=case)
    assert receipt.recipient == "（消去済み）" and receipt.body_text == "" and receipt.subject == ""
    # The skeleton, the relative's facts and the statistics remain.
    assert case.reference and case.status == Status.CLOSED and case.surname_kanji == "佐藤"
    assert Inquiry.objects.filter(status=Status.CLOSED, birthplace=case.birthplace).count() == 1
    assert Message.objects.filter(inquiry=case).count() == 3
    # One ERASED entry with no personal data, and none left in the trail.
    erased = AuditEntry.objects.get(action=AuditEntry.Action.ERASED)
    assert erased.object_repr == case.reference and erased.changes["erased"]["files"] == 2
    trail_text = json.dumps(list(AuditEntry.objects.values("changes", "object_repr")), ensure_ascii=False)
    for text in [*personal_strings(), "戸籍謄本0.pdf", "幸子"]:
        assert text not in trail_text, text


def test_it_never_touches_open_cases_however_old(private):
    long_ago = timezone.now() - timedelta(days=DAYS * 10)
    cases = applicant_cases(cases=len(Status), documents=0, messages=0)
    open_statuses = [s for s in Status if s not in retention.FINAL_STATUSES]
    for case, status in zip(cases, open_statuses, strict=False):
        Inquiry.objects.filter(pk=case.pk).update(status=status, moved_at=long_ago)
    assert retention.erase_expired(now=timezone.now() + timedelta(days=DAYS * 10)) == 0
    for case in Inquiry.objects.filter(status__in=open_statuses):
        assert case.applicant_surname == "山本" and case.email == APPLICANT["email"]
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ERASED).exists()


def test_it_counts_an_answered_case_from_the_familys_last_word(private):
    answered_at = timezone.now()
    (case,) = applicant_cases(documents=0, messages=1)
    case = finished(case, Status.ANSWERED, at=answered_at)
    Message.objects.filter(inquiry=case).update(created_at=answered_at + timedelta(days=100))
    assert retention.erase_expired(now=answered_at + timedelta(days=DAYS + 1)) == 0
    assert retention.erase_expired(now=answered_at + timedelta(days=DAYS + 101)) == 1
    case.refresh_from_db()
    assert case.email == "" and case.status == Status.ANSWERED


def test_it_leaves_the_tracking_link_dead_after_erasure(private, client):
    (case,) = applicant_cases(documents=0, messages=0)
    token = "t" * 43
    Inquiry.objects.filter(pk=case.pk).update(tracking_token_hash=hash_token(token))
    finished(case, Status.WITHDRAWN, at=timezone.now())
    assert client.get(f"/inquiries/status/{token}/").status_code == 200
    retention.erase_expired(now=timezone.now() + timedelta(days=DAYS + 1))
    assert client.get(f"/inquiries/status/{token}/").status_code == 404


def test_the_daily_task_erases_what_is_due_today(private):
    (case,) = applicant_cases(documents=0, messages=0)
    finished(case, Status.DUPLICATE, at=timezone.now())
    later = timezone.now() + timedelta(days=DAYS + 1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert erase_expired_personal_data.apply().get() == 1  # in this process, with or without a broker
    assert Inquiry.objects.get(pk=case.pk).applicant_surname == "（消去済み）"
    scheduled = django_settings.CELERY_BEAT_SCHEDULE["retention-erase"]
    assert scheduled["task"] == erase_expired_personal_data.name == "inquiries.erase_expired_personal_data"


def test_the_period_set_by_the_manager_wins_over_the_setting(private, manager):
    closed_at = timezone.now()
    (case,) = applicant_cases(documents=0, messages=0)
    finished(case, at=closed_at)
    retention.set_period(DAYS * 2, user=manager)
    assert retention.erase_expired(now=closed_at + timedelta(days=DAYS + 1)) == 0
    assert retention.erase_expired(now=closed_at + timedelta(days=DAYS * 2 + 1)) == 1
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.CHANGED).latest("id")
    assert entry.changes["closed_case_days"] == [DAYS, DAYS * 2] and entry.actor == manager
    assert RetentionPolicy.current().updated_by == manager


def test_an_operator_erases_a_finished_case_at_the_familys_request(private):
    from django.core.management import CommandError, call_command

    (case,) = applicant_cases(documents=1, messages=1)
    with pytest.raises(CommandError, match="still open"):
        call_command("erase_personal_data", case.reference, reason="2026-12-01 書面で請求")
    assert Inquiry.objects.get(pk=case.pk).email == APPLICANT["email"]
    finished(case, Status.WITHDRAWN, at=timezone.now())
    call_command("erase_personal_data", case.reference, reason="2026-12-01 書面で請求")
    case.refresh_from_db()
    assert case.applicant_surname == "（消去済み）" and case.email == "" and case.erased_at is not None
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ERASED)
    assert entry.reason == "on request: 2026-12-01 書面で請求"
