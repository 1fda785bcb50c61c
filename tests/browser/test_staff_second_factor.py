"""A demo user enrols the second factor in Chromium, reading the secret off the page as a person
types it into an authenticator app; then signs in again with a code; and the locked-out page. None of
these pages breaks the Content-Security-Policy (the QR code is inline SVG, no script or style in the page)."""

from __future__ import annotations

from base64 import b32decode

import pytest

from devdata.management.commands.load_demo_data import DEMO_PASSWORD
from devdata.management.commands.load_demo_data import Command as LoadDemoData
from inquiries.roles import sync_role_groups
from tests.accounts.conftest import Clock, code, wrong
from tests.browser.conftest import screenshot, serious_violations, sign_in
from tests.browser.watch import Watch


@pytest.fixture
def demo_users(transactional_db, settings):
    settings.STAFF_OTP_REQUIRED = True
    sync_role_groups()
    LoadDemoData().create_demo_users()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_demo_user_enrols_by_reading_the_secret_then_signs_in_with_a_code(
    chromium, live_server, demo_users, monkeypatch, lang
):
    clock = Clock(monkeypatch)
    context = chromium.new_context(
        locale="ja-JP" if lang == "ja" else "en-US", viewport={"width": 1280, "height": 1000}
    )
    watch = Watch(context)
    page = watch.page(context)
    sign_in(page, live_server.url, "matcher", DEMO_PASSWORD)
    assert "/admin/second-factor/" in page.url
    assert page.locator(".otp-qr svg").is_visible()
    screenshot(page, f"second-factor-{lang}-enrol")
    assert serious_violations(page) == []
    key = b32decode(page.inner_text("#otp-secret").replace(" ", ""))

    page.fill("#id_code", wrong(key))
    page.click("#second-factor-form input[type=submit]")
    page.locator(".errorlist").wait_for()
    screenshot(page, f"second-factor-{lang}-wrong-code")
    assert page.goto(f"{live_server.url}/admin/inquiries/inquiry/").url.startswith(
        f"{live_server.url}/admin/second-factor/"
    )
    clock.move(seconds=2)
    page.fill("#id_code", code(key))
    page.click("#second-factor-form input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/inquiries/inquiry/")
    page.locator("#changelist").wait_for()

    page.click("#logout-form button")
    sign_in(page, live_server.url, "matcher", DEMO_PASSWORD)  # gives the app's next code itself
    page.wait_for_url(f"{live_server.url}/admin/")
    page.locator("#dashboard").wait_for()
    assert watch.violations == [] and watch.pages >= 5
    context.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_code_page_and_the_locked_out_page(chromium, live_server, demo_users, lang):
    context = chromium.new_context(
        locale="ja-JP" if lang == "ja" else "en-US", viewport={"width": 1280, "height": 900}
    )
    watch = Watch(context)
    page = watch.page(context)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user_id=_user_id("verifier"), name="TOTP", confirmed=True)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "verifier")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    assert page.locator("#id_code").is_visible() and page.locator("#otp-secret").count() == 0
    screenshot(page, f"second-factor-{lang}-verify")
    assert serious_violations(page) == []
    page.click(".sign-out button")

    for _ in range(5):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "intake")
        page.fill("#id_password", "not the password")
        page.click("input[type=submit]")
    page.locator(".retry-at").wait_for()
    screenshot(page, f"locked-out-{lang}")
    assert serious_violations(page) == []
    assert watch.violations == [] and watch.pages >= 7
    context.close()


def _user_id(username: str) -> int:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username).pk
