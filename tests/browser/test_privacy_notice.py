"""The purpose-of-use notice in a real Chromium, in Japanese and English: readable, and no script."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("lang", "heading"), [("ja", "個人情報の取り扱いについて"), ("en", "How we handle")])
def test_the_notice_page_reads_well_in_both_languages(chromium, live_server, lang, heading):
    context = chromium.new_context(locale="ja-JP" if lang == "ja" else "en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/inquiries/privacy/")  # the language the browser asks for
    assert heading in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("main h2").count() == 4  # what for, who sees it, how long, your rights
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)") >= 16
    assert serious_violations(page) == []
    screenshot(page, f"{lang}-privacy-notice")
    context.close()
