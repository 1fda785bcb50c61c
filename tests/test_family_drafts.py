"""What an unfinished or sent inquiry leaves behind: drafts expire with their files, a periodic task
clears expired sessions and orphaned draft folders, and the receipt keeps no copy of the answers."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inquiries.models import Inquiry
from inquiries.tasks import clear_expired_drafts
from tests import test_family_support
from tests.test_family_support import CONTACT, PDF, confirm, fill_to_confirm

pytestmark = pytest.mark.django_db
family = test_family_support.family  # fixture: private files in a temporary directory, fresh limits


def age_draft(client, seconds: float) -> None:
    session = client.session
    session["inquiry_draft"]["started"] -= seconds
    session.save()


def make_old(folder, seconds: float) -> None:
    then = time.time() - seconds
    for path in [*folder.iterdir(), folder]:
        os.utime(path, (then, then))


def test_a_draft_past_its_age_is_deleted_with_its_files(client, family, settings):
    settings.FAMILY_DRAFT_MAX_AGE_SECONDS = 3600
    key = fill_to_confirm(client, files={"koseki": SimpleUploadedFile("k.pdf", PDF)})
    assert (family / "drafts" / key / "koseki.pdf").exists()
    age_draft(client, 3601)
    html = client.get("/inquiries/new/confirm/").content.decode()
    assert "入力中の内容が見つかりませんでした" in html
    assert not (family / "drafts" / key).exists()
    assert "inquiry_draft" not in client.session
    assert confirm(client, key).status_code == 200 and Inquiry.objects.count() == 0


def test_the_periodic_task_clears_expired_sessions_and_orphaned_or_old_drafts(client, family, settings):
    settings.FAMILY_DRAFT_MAX_AGE_SECONDS = 3600
    live = fill_to_confirm(client, files={"koseki": SimpleUploadedFile("k.pdf", PDF)})
    expired = SessionStore()
    expired["inquiry_draft"] = {"id": "a" * 32, "steps": {}, "files": {}, "started": time.time()}
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(1))
    for name in ("a" * 32, "b" * 32, "c" * 32):
        (family / "drafts" / name).mkdir(parents=True)
        (family / "drafts" / name / "identity.png").write_bytes(b"x")
    make_old(family / "drafts" / ("a" * 32), 20 * 60)  # its session expired
    make_old(family / "drafts" / ("b" * 32), 20 * 60)  # no session at all
    # "c": no session either, but just written (its session is saved after the upload): kept for now
    make_old(family / "drafts" / live, 30 * 60)  # a live session's draft, younger than the maximum age

    assert clear_expired_drafts() == 2
    assert sorted(p.name for p in (family / "drafts").iterdir()) == sorted(["c" * 32, live])
    assert not Session.objects.filter(session_key=expired.session_key).exists()

    make_old(family / "drafts" / live, 3601)  # past the maximum age, live session or not
    assert clear_expired_drafts() == 1
    assert not (family / "drafts" / live).exists()


def test_the_task_runs_periodically():
    from django.conf import settings

    assert any(e["task"] == "inquiries.clear_expired_drafts" for e in settings.CELERY_BEAT_SCHEDULE.values())


def personal_data_in_session(client) -> list[str]:
    held = repr(dict(client.session.items()))
    return [
        value for value in ("山田", "霞が関", "hanako@example.jp", "満洲第100部隊", "k.pdf") if value in held
    ]


def test_sending_leaves_no_copy_of_the_answers_in_the_session(client, family):
    key = fill_to_confirm(client, files={"koseki": SimpleUploadedFile("k.pdf", PDF)})
    assert personal_data_in_session(client)  # while filling in, the draft is in the session
    confirm(client, key)
    assert "inquiry_draft" not in client.session
    assert personal_data_in_session(client) == []
    html = client.get("/inquiries/new/receipt/").content.decode()  # the receipt reads the inquiry
    assert "霞が関" in html and "hanako@example.jp" in html and "k.pdf" in html
    assert Inquiry.objects.get().reference in html


def test_the_receipt_stops_showing_personal_data_after_a_short_time(client, family, settings):
    settings.FAMILY_RECEIPT_SECONDS = 1800
    confirm(client, fill_to_confirm(client, contact=dict(CONTACT, email="hanako@example.jp")))
    session = client.session
    session["inquiry_submitted"]["at"] -= 1801
    session.save()
    response = client.get("/inquiries/new/receipt/")
    html = response.content.decode()
    assert response.status_code == 200 and "受付票の表示を終えました" in html
    assert "霞が関" not in html and "hanako@example.jp" not in html and "/inquiries/status/" not in html
