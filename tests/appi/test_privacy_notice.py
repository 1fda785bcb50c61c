"""The purpose-of-use notice: its own page, linked from every step, shown on the confirm page, and
its version stored on each inquiry however it was filed."""

from __future__ import annotations

import pytest
from django.utils import translation

from inquiries.models import Inquiry
from inquiries.privacy import PRIVACY_NOTICE_VERSION, retention_in_words
from inquiries.services.intake import enter_inquiry
from tests import test_family_support
from tests.factories import family_fields
from tests.test_family_support import APPLICANT, INTERNMENT, RELATIVE, confirm, fill_to_confirm, post_step

pytestmark = pytest.mark.django_db
family = test_family_support.family  # fixture


def test_it_explains_purpose_audience_retention_and_rights_on_a_page_of_its_own(client, settings):
    settings.RETENTION_DAYS = 5 * 365
    response = client.get("/inquiries/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    for words in (
        "個人情報の取り扱いについて",
        "抑留された方の記録",  # what for
        "この照会を担当する職員だけが見ます",  # who sees it
        "5年の間、保管します",  # how long
        "見せてほしい・直してほしい・消してほしいとき",  # disclosure, correction, erasure
        "東京都千代田区霞が関1丁目2番2号",
        f"この説明の版：{PRIVACY_NOTICE_VERSION}",
    ):
        assert words in html, words
    assert "<script" not in html and 'style="' not in html


def test_it_reads_in_english_too(client):
    client.cookies["django_language"] = "en"
    html = client.get("/inquiries/privacy/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "How we handle your personal information" in html
    assert "Only the staff handling this inquiry see it" in html


def test_every_step_links_to_the_notice(client, family):
    client.get("/inquiries/new/")
    pages = {"applicant": APPLICANT, "relative": RELATIVE, "internment": INTERNMENT}
    for slug, data in pages.items():
        html = client.get(f"/inquiries/new/{slug}/").content.decode()
        assert 'href="/inquiries/privacy/"' in html, slug
        post_step(client, slug, data)
    for slug in ("documents", "contact"):
        assert 'href="/inquiries/privacy/"' in client.get(f"/inquiries/new/{slug}/").content.decode(), slug


def test_the_confirm_page_shows_the_notice_before_the_button(client, family):
    fill_to_confirm(client)
    html = client.get("/inquiries/new/confirm/").content.decode()
    notice = html.index("だれが、何のために使うのか")
    assert notice < html.index("この内容で申し込む</button>")
    assert f"この説明の版：{PRIVACY_NOTICE_VERSION}" in html
    assert 'href="/inquiries/privacy/"' in html


def test_the_family_form_stores_the_notice_version_on_the_inquiry(client, family):
    key = fill_to_confirm(client)
    assert confirm(client, key).status_code == 302
    assert Inquiry.objects.get().privacy_notice_version == PRIVACY_NOTICE_VERSION


def test_staff_intake_stores_it_too(intake):
    submission = enter_inquiry(dict(family_fields(contact="post"), channel="post"), user=intake)
    assert submission.inquiry.privacy_notice_version == PRIVACY_NOTICE_VERSION


def test_a_family_cannot_claim_another_version(family):
    from inquiries.services.submission import submit_inquiry

    made = submit_inquiry("k-1", family_fields(privacy_notice_version="1999-01"), []).inquiry
    assert made.privacy_notice_version == PRIVACY_NOTICE_VERSION


@pytest.mark.parametrize(
    ("days", "ja", "en"),
    [(1825, "5年", "5 years"), (365, "1年", "1 year"), (400, "400日", "400 days")],
)
def test_it_says_the_period_in_years_when_it_is_years(days, ja, en):
    assert retention_in_words(days) == ja
    with translation.override("en"):
        assert retention_in_words(days) == en
