"""The fast layer for the family's pages: generated answers given to each page's form class, and what a
valid form kept filed through `submit_inquiry` as the confirmation files it. A form refuses with its
own errors and nothing is written, or the inquiry stores exactly what was kept; never an exception."""

from __future__ import annotations

import secrets

import pytest
from django.conf import settings
from django.utils.module_loading import import_string
from hypothesis import given

from inquiries.forms import ConfirmForm, DocumentsForm, ReplyForm
from inquiries.forms.summary import inquiry_fields
from inquiries.models import Document, Message, Status
from inquiries.services.correspondence import reply_from_family
from inquiries.services.submission import submit_inquiry
from inquiries.services.workflow import ask_family
from inquiries.views.draft import Draft
from inquiries.views.wizard import FORMS
from tests.fuzz.family import PAGES, Family, counts
from tests.fuzz.layer import FAST, LANGUAGES, as_posted, rolled_back
from tests.fuzz.strategies import form
from tests.fuzz.test_family_reply import REPLY
from tests.fuzz.test_family_steps import CONFIRM, documents
from tests.workflow.conftest import make_inquiry, make_staff

pytestmark = pytest.mark.django_db
SESSION = import_string(settings.SESSION_SERIALIZER)()


@pytest.fixture
def steps(settings, tmp_path):
    """Every page's answers as the session keeps them, entered once through the real views."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return Family().steps


def file_draft(steps: dict, files: list[dict], key: str | None = None):
    """What the confirmation does with a complete draft; the inquiry, checked against what was kept."""
    before = counts()
    merged: dict = {}
    for values in steps.values():
        merged.update(values)
    inquiry = submit_inquiry(key or secrets.token_hex(16), inquiry_fields(merged), files).inquiry
    assert counts()[0] == before[0] + 1
    Family.assert_stored(inquiry, steps)
    return inquiry


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_fast_each_pages_form_refuses_or_its_answers_are_filed_as_kept(slug, steps, form_outcomes):
    @FAST
    @given(data=form(PAGES[slug], extra_keys=("draft", "return")), language=LANGUAGES)
    def page(data, language):
        values, files = as_posted(data)
        with rolled_back(language):
            before = counts()
            page_form = FORMS[slug](values, files)
            if not page_form.is_valid():
                assert page_form.errors and counts() == before
                form_outcomes["refused"] += 1
                return
            kept = SESSION.loads(SESSION.dumps({**steps, slug: page_form.cleaned_data}))  # as the session
            file_draft(kept, [])
            form_outcomes["taken"] += 1

    page()


def test_fast_the_documents_form_refuses_or_its_files_are_filed_as_kept(steps, form_outcomes):
    @FAST
    @given(data=documents(), language=LANGUAGES)
    def page(data, language):
        values, files = as_posted(data)
        with rolled_back(language):
            before = counts()
            draft = Draft(secrets.token_hex(16), steps={**steps})
            documents_form = DocumentsForm(values, files, kept=draft.files)
            valid = documents_form.is_valid()
            for kind in ("identity", "koseki", "proxy_letter"):  # as the view: good files kept
                upload = documents_form.cleaned_data.get(kind)
                if upload and kind not in documents_form.errors:
                    draft.keep_file(kind, upload, upload.content_type_sniffed)
            assert counts() == before  # files wait in the draft until the inquiry is sent
            if not valid:
                assert documents_form.errors
                form_outcomes["refused"] += 1
                return
            inquiry = file_draft(steps, list(draft.files.values()), draft.id)
            stored = Document.objects.filter(inquiry=inquiry)
            assert sorted(stored.values_list("kind", flat=True)) == sorted(draft.files)
            for document in stored:
                meta = draft.files[document.kind]
                assert (document.original_name, document.size, document.sha256) == (
                    meta["original_name"][:255], meta["size"], meta["sha256"]
                )  # fmt: skip
            form_outcomes["taken"] += 1

    page()


def test_fast_the_confirm_form_files_one_inquiry_or_none(steps, form_outcomes):
    @FAST
    @given(data=form(CONFIRM, extra_keys=("draft",), files=False), language=LANGUAGES)
    def confirm(data, language):
        key = secrets.token_hex(16)
        if data.get("submission_key") == "KEY":
            data["submission_key"] = key
        values, files = as_posted(data)
        with rolled_back(language):
            before = counts()
            confirm_form = ConfirmForm(values, files)
            # as the view: the draft's own key, the hidden field left empty and the form valid
            if values.get("submission_key") != key or values.get("website") or not confirm_form.is_valid():
                assert counts() == before
                form_outcomes["refused"] += 1
                return
            file_draft(steps, [], confirm_form.cleaned_data["submission_key"])
            form_outcomes["taken"] += 1

    confirm()


def test_fast_the_reply_form_refuses_or_the_reply_is_kept_as_written(settings, tmp_path, form_outcomes):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.FAMILY_REPLY_LIMIT = settings.FAMILY_REPLY_UPLOAD_LIMIT = 10**9
    case = make_inquiry(Status.SEARCHING)
    ask_family(case, user=make_staff("boss", is_superuser=True), text="部隊名を教えてください。")

    @FAST
    @given(data=form(REPLY, extra_keys=("csrfmiddlewaretoken",)), language=LANGUAGES)
    def reply(data, language):
        values, files = as_posted(data)
        with rolled_back(language):
            before = counts()
            reply_form = ReplyForm(values, files)
            if not reply_form.is_valid():
                assert reply_form.errors and counts() == before
                form_outcomes["refused"] += 1
                return
            attachment = reply_form.cleaned_data.get("attachment")
            message = reply_from_family(
                case, reply_form.cleaned_data["text"], [attachment] if attachment else []
            )
            message = Message.objects.get(pk=message.pk)
            assert message.inquiry_id == case.pk and message.body == reply_form.cleaned_data["text"]
            assert Document.objects.filter(message=message).count() == bool(attachment)
            assert message.inquiry.status == Status.SEARCHING
            form_outcomes["taken"] += 1

    reply()
