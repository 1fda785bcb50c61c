"""Debian's Chromium driven by Playwright: fails under CI=true when missing, skips otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import require

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def chromium():
    require("Chromium (/usr/bin/chromium)", Path(CHROMIUM).exists())
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield browser
        browser.close()


def serious_violations(page) -> list[str]:
    """Run axe-core (WCAG 2.1 A and AA rules) and return the serious and critical violations."""
    # Evaluated through the DevTools protocol, not added as an inline <script>, which the site's
    # Content-Security-Policy would block.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in through the admin's login form; when the second factor is on, give a code computed
    from the account's device as its authenticator app would (enrolment is left to the caller)."""
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    if "/admin/second-factor/" in page.url and page.locator("#otp-secret").count() == 0:
        import time

        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        ahead = max(0, device.last_t + 1 - int(time.time()) // device.step)  # a code not used before
        page.fill("#id_code", f"{totp(device.bin_key, t0=-device.step * ahead):06d}")
        page.click("#second-factor-form input[type=submit]")


@pytest.fixture
def site(settings, tmp_path, live_server):
    """The live server with the security tests' extra routes (a failing page, an inline-script page)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.ROOT_URLCONF = "tests.security.urls"
    settings.SITE_URL = live_server.url
    return live_server.url
