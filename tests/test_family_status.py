"""The private status page: the state in plain words, the timeline, questions and replies, refusing guesses."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from audit.trail import entries_for
from inquiries.events import record_event
from inquiries.models import Direction, Document, Inquiry, InquiryEvent, Message, Status
from tests import test_family_support
from tests.test_family_support import PDF, confirm, fill_to_confirm

pytestmark = pytest.mark.django_db
family = test_family_support.family  # fixture: private files in a temporary directory, fresh limits


@pytest.fixture
def filed(client, family):
    confirm(client, fill_to_confirm(client))
    html = client.get("/inquiries/new/receipt/").content.decode()
    token = re.search(r"/inquiries/status/([A-Za-z0-9_\-]{40,})/", html).group(1)
    return Inquiry.objects.get(), token


def move(inquiry, to_status, note=""):
    with transaction.atomic():
        record_event(inquiry, from_status=inquiry.status, to_status=to_status, note=note)
        Inquiry.objects.filter(pk=inquiry.pk).update(status=to_status)


def test_it_shows_the_status_in_plain_words_and_the_timeline(client, filed):
    inquiry, token = filed
    response = client.get(f"/inquiries/status/{token}/")
    html = response.content.decode()
    assert response.status_code == 200 and inquiry.reference in html
    assert "照会を受け付けました。" in html and "通常1〜2週間ほどで調査を始めます" in html
    assert "これまでの経過" in html and "受付" in html
    assert response["Referrer-Policy"] == "strict-origin"  # the token is in the URL


def test_it_hides_staff_only_events(client, filed):
    inquiry, token = filed
    with transaction.atomic():
        record_event(
            inquiry, from_status="received", to_status="received", note="内部メモ", visible_to_family=False
        )
    assert "内部メモ" not in client.get(f"/inquiries/status/{token}/").content.decode()


def test_it_answers_404_for_an_unknown_link(client, family):
    assert client.get("/inquiries/status/not-a-real-token-at-all-000000000000000/").status_code == 404


def test_it_refuses_an_address_that_keeps_guessing(client, settings):
    settings.FAMILY_TRACKING_LIMIT = 4
    for i in range(4):
        assert client.get(f"/inquiries/status/guess-{i}/").status_code == 404
    response = client.get("/inquiries/status/guess-5/")
    assert response.status_code == 429
    assert "正しくないリンクでのアクセスが続いたため" in response.content.decode()


def test_it_takes_a_reply_with_a_document_and_resumes_the_search(client, filed):
    inquiry, token = filed
    move(inquiry, Status.AWAITING_FAMILY)
    Message.objects.create(
        inquiry=inquiry, direction=Direction.TO_FAMILY, body="お父様の部隊名をご存じですか。"
    )
    html = client.get(f"/inquiries/status/{token}/").content.decode()
    assert "お父様の部隊名をご存じですか。" in html and "回答を送る" in html
    upload = SimpleUploadedFile("手紙.pdf", PDF)
    response = client.post(
        f"/inquiries/status/{token}/reply/", {"text": "満洲第100部隊と聞いています。", "attachment": upload}
    )
    assert response.status_code == 302
    html = client.get(f"/inquiries/status/{token}/").content.decode()
    assert "ご回答をお送りいただき、ありがとうございました" in html
    assert "満洲第100部隊と聞いています。" in html and "手紙.pdf" in html
    inquiry.refresh_from_db()
    assert inquiry.status == Status.SEARCHING
    reply = Message.objects.get(direction=Direction.FROM_FAMILY)
    assert Document.objects.get(message=reply).content_type == "application/pdf"
    last = InquiryEvent.objects.filter(inquiry=inquiry).last()
    assert (last.from_status, last.to_status) == (Status.AWAITING_FAMILY, Status.SEARCHING)


def test_it_starts_the_staff_clock_afresh_when_the_family_replies(client, filed):
    """A case that waited 20 days for the family is back in the search as of their reply, not 20 days late."""
    inquiry, token = filed
    move(inquiry, Status.AWAITING_FAMILY)
    Message.objects.create(inquiry=inquiry, direction=Direction.TO_FAMILY, body="ご本籍地を教えてください。")
    Inquiry.objects.filter(pk=inquiry.pk).update(moved_at=timezone.now() - timedelta(days=20))
    assert client.post(f"/inquiries/status/{token}/reply/", {"text": "新潟県です。"}).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Status.SEARCHING
    assert timezone.now() - inquiry.moved_at < timedelta(minutes=1)
    entry = entries_for(inquiry).first()  # the case page's history: the system moved it
    assert entry.changes["status"] == [Status.AWAITING_FAMILY, Status.SEARCHING] and entry.actor_name == ""


def test_it_refuses_an_empty_reply_with_a_message(client, filed):
    inquiry, token = filed
    move(inquiry, Status.AWAITING_FAMILY)
    Message.objects.create(inquiry=inquiry, direction=Direction.TO_FAMILY, body="質問")
    response = client.post(f"/inquiries/status/{token}/reply/", {"text": ""})
    assert response.status_code == 400 and "「ご回答」を入力してください。" in response.content.decode()


def test_it_shows_the_answer_once_there_is_one(client, filed):
    inquiry, token = filed
    move(inquiry, Status.SEARCHING)
    move(
        inquiry,
        Status.ANSWERED,
        note="昭和22年3月、ハバロフスク地方の第5収容所で亡くなられたことが分かりました。",
    )
    html = client.get(f"/inquiries/status/{token}/").content.decode()
    assert "調査の結果" in html and "第5収容所で亡くなられた" in html


def test_it_keeps_working_when_the_cache_is_down(client, filed, settings):
    inquiry, token = filed
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    assert client.get(f"/inquiries/status/{token}/").status_code == 200
    assert client.get("/inquiries/status/unknown-token/").status_code == 404


def test_a_reply_document_is_kept_and_shown_under_the_name_its_content_proves(client, filed):
    inquiry, token = filed
    move(inquiry, Status.AWAITING_FAMILY)
    Message.objects.create(inquiry=inquiry, direction=Direction.TO_FAMILY, body="部隊名をご存じですか。")
    upload = SimpleUploadedFile("evil.pdf.html", PDF, content_type="text/html")
    assert (
        client.post(
            f"/inquiries/status/{token}/reply/", {"text": "写しです。", "attachment": upload}
        ).status_code
        == 302
    )
    document = Document.objects.get(message__direction=Direction.FROM_FAMILY)
    assert document.original_name == "evil.pdf" and document.file.name.endswith(".pdf")
    html = client.get(f"/inquiries/status/{token}/").content.decode()
    assert "evil.pdf" in html and "evil.pdf.html" not in html
