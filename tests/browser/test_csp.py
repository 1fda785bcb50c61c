"""Chromium with the Content-Security-Policy on: the family form end to end and every admin page the
demo roles open produce no violation; a page with an inline script shows the listener catches one."""

from __future__ import annotations

import pytest

from devdata.management.commands.load_demo_data import DEMO_PASSWORD
from devdata.management.commands.load_demo_data import Command as LoadDemoData
from inquiries.models import Direction, Inquiry, Message, Notification, Status
from inquiries.roles import sync_role_groups
from tests.browser.conftest import screenshot
from tests.browser.watch import Watch
from tests.workflow.conftest import make_candidate, make_inquiry, make_record

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NEXT = "main button[type=submit]:not([name=language])"


@pytest.fixture
def watched(chromium):
    context = chromium.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    yield watch, watch.page(context)
    context.close()


def file_inquiry(page, base: str) -> str:
    page.goto(f"{base}/inquiries/new/")
    page.click(NEXT)  # nothing filled in: the errors page
    page.fill("#id_applicant_surname", "山田")
    page.fill("#id_applicant_given_name", "花子")
    page.fill("#id_applicant_surname_kana", "やまだ")
    page.fill("#id_applicant_given_name_kana", "はなこ")
    page.check("#id_relationship_0")
    page.fill("#id_postal_code", "1234567")
    page.fill("#id_address", "東京都千代田区霞が関1-2-3")
    page.fill("#id_phone", "03-1234-5678")
    page.click(NEXT)
    page.fill("#id_surname_kanji", "山田")
    page.fill("#id_given_name_kanji", "太郎")
    page.fill("#id_surname_kana", "ヤマダ")
    page.fill("#id_given_name_kana", "タロウ")
    page.select_option("#id_birth_era", "大正")
    page.fill("#id_birth_year", "10")
    page.select_option("#id_birthplace", "15")
    page.click(NEXT)
    page.fill("#id_unit", "満洲第100部隊")
    page.click(NEXT)
    page.set_input_files("#id_koseki", {"name": "koseki.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.click(NEXT)
    page.check("#id_preferred_contact_0")
    page.click(NEXT)
    page.check("#id_consent")
    page.click("form.family-form button[type=submit]")
    assert page.locator(".receipt-number").is_visible()
    return page.locator(".tracking-link a").get_attribute("href")


def test_the_listener_catches_an_inline_script_the_policy_blocks(site, watched):
    watch, page = watched
    page.goto(f"{site}/test-only/inline-script/")
    page.wait_for_timeout(200)
    assert any("script-src" in v for v in watch.violations), watch.violations
    assert watch.scripts == []  # blocked: it did not run


def test_the_family_form_end_to_end_breaks_no_policy(site, watched):
    watch, page = watched
    link = file_inquiry(page, site)
    Inquiry.objects.update(status=Status.AWAITING_FAMILY)  # staff asked something: the reply form shows
    page.goto(link)
    page.click("button[name=language]")  # the status page in English: the language switch posts
    assert page.locator("html").get_attribute("lang") == "en"
    page.fill("textarea[name=text]", "My father's unit was the 100th.")
    page.click("section[aria-labelledby=reply-heading] button[type=submit]")
    assert Message.objects.filter(direction=Direction.FROM_FAMILY).count() == 1  # the post was accepted
    screenshot(page, "csp-family-status")
    assert watch.pages >= 10
    assert watch.violations == []


def sign_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    assert page.url.endswith("/admin/"), page.url


def test_every_admin_page_the_demo_roles_open_breaks_no_policy(site, watched):
    watch, page = watched
    sync_role_groups()
    LoadDemoData().create_demo_users()
    case = make_inquiry(Status.SEARCHING)
    record = make_record()
    make_candidate(case, record=record)
    letter = Notification.objects.create(
        key="letter", inquiry=case, kind="received", channel=Notification.Medium.LETTER,
        recipient="見本 花子", subject="受付", body_text="受け付けました。",
    )  # fmt: skip
    pages = {
        "intake": [
            "", "inquiries/inquiry/", "inquiries/inquiry/?status__exact=searching", f"inquiries/inquiry/{case.pk}/change/",
            f"inquiries/inquiry/{case.pk}/facts/", "inquiries/inquiry/add/", "inquiries/notification/",
            f"inquiries/notification/{letter.pk}/change/", "audit/auditentry/",
        ],
        "matcher": [
            "inquiries/candidatematch/", f"inquiries/inquiry/{case.pk}/change/", "archive/archiverecord/",
            f"archive/archiverecord/{record.pk}/change/", "archive/archiverecord/add/", "archive/importbatch/add/",
        ],
        "verifier": ["inquiries/inquiry/", f"inquiries/inquiry/{case.pk}/change/", "inquiries/notification/"],
        "manager": ["", "auth/user/", "auth/user/add/", "auth/group/", "audit/auditentry/", "archive/importbatch/"],
    }  # fmt: skip
    opened = 0
    for username, paths in pages.items():
        sign_in(page, site, username)
        for path in paths:
            response = page.goto(f"{site}/admin/{path}")
            assert response.status == 200, f"{username} {path}: {response.status}"
            opened += 1
        if username == "intake":  # the letters to print, and the admin's own scripts at work
            page.goto(f"{site}/admin/inquiries/notification/")
            page.check("#action-toggle")
            page.select_option("select[name=action]", "print_letters")
            page.click("button[name=index]")
            assert page.locator("section.page").count() == 1
            page.goto(f"{site}/admin/inquiries/inquiry/add/")
            page.click("#toggle-nav-sidebar")
            screenshot(page, "csp-admin-add")
        page.goto(
            f"{site}/admin/inquiries/inquiry/{case.pk}/change/" if username != "manager" else f"{site}/admin/"
        )
        screenshot(page, f"csp-admin-{username}")
        page.click("#logout-form button")
    assert opened == sum(len(p) for p in pages.values())
    assert Inquiry.objects.count() == 1
    assert watch.violations == []
