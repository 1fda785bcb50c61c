"""Staff pages in a real browser: correcting a case's facts from its page."""

from __future__ import annotations

import pytest

from inquiries.models import InquiryEvent, Status
from inquiries.roles import INTAKE
from tests.browser.conftest import screenshot, serious_violations
from tests.workflow.conftest import make_inquiry, make_staff


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_staff_correct_a_birth_year_from_the_case_page(chromium, live_server, transactional_db, lang):
    staff = make_staff("intake-browser", INTAKE)
    staff.set_password("a long enough password")
    staff.save()
    case = make_inquiry(Status.SEARCHING)
    context = chromium.new_context(
        locale="ja-JP" if lang == "ja" else "en-US", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "intake-browser")
    page.fill("#id_password", "a long enough password")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/inquiries/inquiry/{case.pk}/change/")
    page.click("text=" + ("照会の内容を訂正する" if lang == "ja" else "Correct the inquiry"))
    assert page.locator("#id_birthplace option:checked").inner_text() == (
        "新潟県" if lang == "ja" else "Niigata"
    )
    page.fill("#id_birth_year", "1919")
    page.click("input[type=submit]")  # no reason given: refused in words, nothing saved
    assert page.locator(".errornote").is_visible()
    screenshot(page, f"staff-{lang}-correct-refused")
    assert serious_violations(page) == []
    page.fill("#id_reason", "ご家族から電話で訂正がありました。")
    page.click("input[type=submit]")
    assert "1919" in page.locator("#case-status").inner_text()
    screenshot(page, f"staff-{lang}-corrected")
    context.close()
    case.refresh_from_db()
    assert case.birth_year == 1919
    assert InquiryEvent.objects.filter(inquiry=case, visible_to_family=False).count() == 1
