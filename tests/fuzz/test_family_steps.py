"""Generated answers on every page of the family's inquiry form, through the real views: each page
either takes them (and the inquiry filed from them stores exactly what was kept) or refuses them
with a 400 page, keeping nothing; never a 500, never an exception, never a partial write."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from inquiries.models import Document, Inquiry
from tests.fuzz.family import PAGES, Family, counts
from tests.fuzz.strategies import FUZZ, GARBAGE, LANGUAGE, MISSING, form, upload

pytestmark = pytest.mark.django_db

FILE_FIELDS = ("identity", "koseki", "proxy_letter")


@pytest.fixture
def family_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_each_page_takes_or_refuses_generated_answers_and_never_fails(slug, family_files, outcomes):
    family = Family()

    @FUZZ
    @given(data=form(PAGES[slug], extra_keys=("draft", "return")), language=LANGUAGE)
    def page(data, language):
        draft_id = family.new_draft()
        before = counts()
        response = family.client.post(
            f"/inquiries/new/{slug}/", {"draft": draft_id, **data}, HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code in (200, 302, 400)  # 200: the draft was not this one (expired page)
        if response.status_code != 302:
            assert family.draft()["steps"] == family.steps  # nothing of a refused page kept
            assert counts() == before
            outcomes["refused"] += 1
            return
        family.submit(draft_id, HTTP_ACCEPT_LANGUAGE=language)
        assert counts()[0] == before[0] + 1
        outcomes["taken"] += 1

    page()


@st.composite
def documents(draw):
    data = {}
    for field in FILE_FIELDS:
        data[field] = draw(st.one_of(upload(), st.just(MISSING), GARBAGE))
        if draw(st.booleans()):
            data[f"remove_{field}"] = draw(GARBAGE)
    return {key: value for key, value in data.items() if value is not MISSING}


def test_the_documents_page_takes_or_refuses_generated_files_and_never_fails(family_files, outcomes):
    family = Family()

    @FUZZ
    @given(data=documents(), language=LANGUAGE)
    def page(data, language):
        draft_id = family.new_draft()
        before = counts()
        response = family.client.post(
            "/inquiries/new/documents/", {"draft": draft_id, **data}, HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code in (302, 400)
        assert counts() == before  # files wait in the draft until the inquiry is sent
        if response.status_code != 302:
            outcomes["refused"] += 1
            return
        outcomes["taken"] += 1
        kept = family.draft()["files"]
        inquiry = family.submit(draft_id, HTTP_ACCEPT_LANGUAGE=language)
        stored = Document.objects.filter(inquiry=inquiry)
        assert sorted(stored.values_list("kind", flat=True)) == sorted(kept)
        for document in stored:
            assert document.original_name == kept[document.kind]["original_name"][:255]

    page()


CONFIRM = {
    "consent": st.sampled_from(["on", "true", "1", MISSING]),
    "website": st.sampled_from(["", MISSING]),
    "submission_key": st.just("KEY"),  # replaced by the draft's id
}


def test_the_confirmation_files_one_inquiry_or_none_and_never_fails(family_files, outcomes):
    family = Family()

    @FUZZ
    @given(data=form(CONFIRM, extra_keys=("draft",), files=False), language=LANGUAGE)
    def confirm(data, language):
        draft_id = family.new_draft()
        if data.get("submission_key") == "KEY":
            data["submission_key"] = draft_id
        before = counts()
        cache.clear()  # the submission limit counts per address: each example is another family
        response = family.client.post("/inquiries/new/confirm/", data, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in (200, 302, 400)
        if response.status_code == 302 and response["Location"] == "/inquiries/new/receipt/":
            assert Inquiry.objects.filter(submission_key=draft_id).count() == 1
            assert counts()[0] == before[0] + 1
            outcomes["taken"] += 1
        else:
            assert counts() == before
            outcomes["refused"] += 1

    confirm()
