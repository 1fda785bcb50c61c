"""Generated replies on the family's status page (text and a document), through the real view: the reply
is kept as written with its document, or refused with the page in words and nothing kept."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from inquiries.models import Document, Inquiry, Message, Status
from inquiries.services.workflow import ask_family
from inquiries.tokens import hash_token
from tests.fuzz.family import counts
from tests.fuzz.strategies import FUZZ, GARBAGE, LANGUAGE, MISSING, form, text_up_to, upload
from tests.workflow.conftest import make_inquiry, make_staff

pytestmark = pytest.mark.django_db


def sent(value):
    """What the view reads of a field sent once or twice: the last value."""
    return value[-1] if isinstance(value, list) else value


TOKEN = "t" * 43

REPLY = {
    "text": text_up_to(4000, 1),
    "attachment": st.one_of(st.just(MISSING), upload(), GARBAGE),
}


def test_a_familys_reply_is_kept_as_written_or_refused_and_never_fails(settings, tmp_path, outcomes):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.FAMILY_REPLY_LIMIT = settings.FAMILY_REPLY_UPLOAD_LIMIT = 10**9  # every example may reply
    case = make_inquiry(Status.SEARCHING, tracking_token_hash=hash_token(TOKEN))
    ask_family(case, user=make_staff("boss", is_superuser=True), text="部隊名を教えてください。")
    client = Client()

    @FUZZ
    @given(data=form(REPLY, extra_keys=("csrfmiddlewaretoken",)), language=LANGUAGE)
    def reply(data, language):
        Inquiry.objects.filter(pk=case.pk).update(status=Status.AWAITING_FAMILY)  # the question is open
        before = counts()
        response = client.post(f"/inquiries/status/{TOKEN}/reply/", data, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            assert counts() == before
            outcomes["refused"] += 1
            return
        text, files = sent(data.get("text")), sent(data.get("attachment"))
        message = Message.objects.latest("id")
        assert message.inquiry_id == case.pk and message.body == text.strip()
        assert Document.objects.filter(message=message).count() == isinstance(files, SimpleUploadedFile)
        outcomes["taken"] += 1

    reply()
