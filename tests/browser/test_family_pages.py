"""Filing and following an inquiry in a real Chromium: every page checked with axe-core, in Japanese and English."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from inquiries.models import Direction, Inquiry, Message
from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()
    return tmp_path


def check_page(page, name: str, lang: str, problems: list) -> None:
    assert page.locator("html").get_attribute("lang") == lang
    problems += [f"{name}: {v}" for v in serious_violations(page)]
    font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font >= 16, f"{name}: body text is {font}px"
    for box in page.locator("main .btn").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    ):
        assert box >= 44, f"{name}: a button is only {box}px high"
    screenshot(page, name)


def file_inquiry(page, base: str, lang: str, problems: list, upload) -> str:
    page.goto(f"{base}/inquiries/new/")
    check_page(page, f"{lang}-1-applicant", lang, problems)
    page.click("button[type=submit]:not([name=language])")  # nothing filled in: errors in words
    assert page.locator("#error-summary").is_visible()
    check_page(page, f"{lang}-1-applicant-errors", lang, problems)
    page.fill("#id_applicant_surname", "山田")
    page.fill("#id_applicant_given_name", "花子")
    page.fill("#id_applicant_surname_kana", "やまだ")
    page.fill("#id_applicant_given_name_kana", "はなこ")
    page.check("#id_relationship_0")
    page.fill("#id_postal_code", "1234567")
    page.fill("#id_address", "東京都千代田区霞が関1-2-3")
    page.fill("#id_phone", "03-1234-5678")
    page.click("button[type=submit]:not([name=language])")
    check_page(page, f"{lang}-2-relative", lang, problems)
    page.fill("#id_surname_kanji", "山田")
    page.fill("#id_given_name_kanji", "太郎")
    page.fill("#id_surname_kana", "ヤマダ")
    page.fill("#id_given_name_kana", "タロウ")
    page.select_option("#id_birth_era", "昭和")
    page.fill("#id_birth_year", "70")
    page.select_option("#id_birthplace", "15")
    page.click("button[type=submit]:not([name=language])")
    assert page.locator(".field-error").first.is_visible()
    check_page(page, f"{lang}-2-relative-errors", lang, problems)
    page.select_option("#id_birth_era", "大正")
    page.fill("#id_birth_year", "10")
    page.check("#id_birth_approximate")
    page.click("button[type=submit]:not([name=language])")
    check_page(page, f"{lang}-3-internment", lang, problems)
    page.fill("#id_unit", "満洲第100部隊")
    page.fill("#id_last_known_place", "ハバロフスク")
    page.click("button[type=submit]:not([name=language])")
    check_page(page, f"{lang}-4-documents", lang, problems)
    page.set_input_files("#id_koseki", upload)
    page.click("button[type=submit]:not([name=language])")
    check_page(page, f"{lang}-5-contact", lang, problems)
    page.check("#id_preferred_contact_0")
    page.click("button[type=submit]:not([name=language])")
    check_page(page, f"{lang}-6-confirm", lang, problems)
    page.check("#id_consent")
    page.click("form.family-form button[type=submit]")
    check_page(page, f"{lang}-7-receipt", lang, problems)
    return page.locator(".tracking-link a").get_attribute("href")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_it_files_and_follows_an_inquiry_with_no_serious_accessibility_problems(
    chromium, live_server, private_media, lang
):
    upload = private_media / "koseki.pdf"
    upload.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    context = chromium.new_context(
        locale="ja-JP" if lang == "ja" else "en-US", viewport={"width": 1024, "height": 800}
    )
    page = context.new_page()
    problems: list[str] = []
    link = file_inquiry(page, live_server.url, lang, problems, str(upload))
    inquiry = Inquiry.objects.get()
    assert inquiry.reference in page.locator(".receipt-number").inner_text()
    assert inquiry.documents.get().kind == "koseki"
    path = re.sub(r"^https?://[^/]+", "", link)
    Inquiry.objects.filter(pk=inquiry.pk).update(status="awaiting_family")
    Message.objects.create(
        inquiry=inquiry, direction=Direction.TO_FAMILY, body="お父様の部隊名をご存じですか。"
    )
    page.goto(live_server.url + path)
    check_page(page, f"{lang}-8-status", lang, problems)
    page.fill("#id_text", "満洲第100部隊と聞いています。")
    page.click("form.family-form button[type=submit]")
    assert "満洲第100部隊と聞いています。" in page.content()
    check_page(page, f"{lang}-9-status-after-reply", lang, problems)
    # A second question; the family writes, but staff close the question by telephone meanwhile.
    Message.objects.create(inquiry=inquiry, direction=Direction.TO_FAMILY, body="ご本籍地を教えてください。")
    Inquiry.objects.filter(pk=inquiry.pk).update(status="awaiting_family")
    page.goto(live_server.url + path)
    page.fill("#id_text", "新潟県です。")
    Inquiry.objects.filter(pk=inquiry.pk).update(status="searching")
    page.click("form.family-form button[type=submit]")
    assert page.locator(".alert-warning").is_visible()
    assert "新潟県です。" in page.locator(".alert-warning").inner_text()  # shown back, not lost
    check_page(page, f"{lang}-10-reply-refused", lang, problems)
    context.close()
    assert problems == []


def test_it_files_an_inquiry_without_javascript(chromium, live_server, private_media):
    upload = private_media / "id.pdf"
    upload.write_bytes(b"%PDF-1.4\n%%EOF\n")
    context = chromium.new_context(locale="ja-JP", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/inquiries/new/")
    steps = {
        "#id_applicant_surname": "佐藤",
        "#id_applicant_given_name": "一郎",
        "#id_applicant_surname_kana": "ｻﾄｳ",
        "#id_applicant_given_name_kana": "イチロウ",
        "#id_postal_code": "１２３－４５６７",
        "#id_address": "新潟県新潟市中央区1-1",
        "#id_phone": "025-123-4567",
    }
    for selector, value in steps.items():
        page.fill(selector, value)
    page.check("#id_relationship_3")
    page.click("button[type=submit]:not([name=language])")
    page.fill("#id_surname_kanji", "佐藤")
    page.fill("#id_given_name_kanji", "信一")
    page.check("#id_reading_unknown")
    page.click("button[type=submit]:not([name=language])")
    page.click("button[type=submit]:not([name=language])")
    page.click("button[type=submit]:not([name=language])")
    page.check("#id_preferred_contact_1")
    page.click("button[type=submit]:not([name=language])")
    assert "読みが分からない" in page.content()
    page.check("#id_consent")
    page.click("form.family-form button[type=submit]")
    assert page.locator(".receipt-number").inner_text() == Inquiry.objects.get().reference
    assert Inquiry.objects.get().applicant_surname_kana == "サトウ"
    context.close()
