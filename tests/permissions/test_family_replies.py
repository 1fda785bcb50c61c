"""A family's reply is taken only while a question to the family is open and the case is open,
within a daily allowance per tracking link (defect 6 of the roles issue)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inquiries.models import Direction, Inquiry, Message, Status
from inquiries.roles import ROLES
from inquiries.services import workflow
from inquiries.services.correspondence import ReplyRefused, reply_from_family
from tests.test_family_support import PDF, confirm, fill_to_confirm
from tests.workflow.conftest import make_staff

pytestmark = pytest.mark.django_db


def reply(client, token, text="新潟県です。", upload=None):
    data = {"text": text}
    if upload is not None:
        data["attachment"] = upload
    return client.post(f"/inquiries/status/{token}/reply/", data)


@pytest.fixture
def filed(client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    confirm(client, fill_to_confirm(client))
    html = client.get("/inquiries/new/receipt/").content.decode()
    token = re.search(r"/inquiries/status/([A-Za-z0-9_\-]{40,})/", html).group(1)
    return Inquiry.objects.get(), token


def ask(inquiry, question="ご本籍地を教えてください。"):
    staff = make_staff(f"asker{Message.objects.count()}", ROLES[0])
    if inquiry.status == Status.RECEIVED:
        workflow.move(inquiry, Status.TRIAGE, user=staff)
    workflow.ask_family(inquiry, user=staff, text=question)


def test_a_reply_is_refused_when_no_question_is_open(client, filed):
    inquiry, token = filed
    page = reply(client, token, text="父の本籍は新潟県です。")
    assert page.status_code == 409
    text = page.content.decode()
    assert "ご回答を受け付けることができませんでした" in text
    assert "父の本籍は新潟県です。" in text  # shown back, so the family does not lose what they wrote
    assert not Message.objects.filter(direction=Direction.FROM_FAMILY).exists()


def test_a_reply_is_refused_after_the_case_is_withdrawn(client, filed):
    inquiry, token = filed
    ask(inquiry)
    staff = make_staff("withdrawer", ROLES[0])
    workflow.move(inquiry, Status.WITHDRAWN, user=staff, note="ご家族の申し出")
    assert reply(client, token).status_code == 409
    with pytest.raises(ReplyRefused):
        reply_from_family(inquiry, "それでも")
    assert not Message.objects.filter(direction=Direction.FROM_FAMILY).exists()


def test_replies_and_their_documents_are_limited_per_link_per_day(client, filed, settings):
    inquiry, token = filed
    settings.FAMILY_REPLY_LIMIT = 2
    settings.FAMILY_REPLY_UPLOAD_LIMIT = len(PDF) + 10
    ask(inquiry)
    assert reply(client, token, upload=SimpleUploadedFile("a.pdf", PDF)).status_code == 302
    ask(inquiry, "部隊名は")
    too_big = reply(client, token, upload=SimpleUploadedFile("b.pdf", PDF))
    assert too_big.status_code == 429
    assert reply(client, token).status_code == 302
    ask(inquiry, "階級は")
    assert reply(client, token).status_code == 429
    assert Message.objects.filter(direction=Direction.FROM_FAMILY).count() == 2
