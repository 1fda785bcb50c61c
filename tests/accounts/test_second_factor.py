"""Every demo role must enrol a TOTP second factor at its first sign-in and give a code at each one
after, before any admin page opens; codes are computed here as an authenticator app would."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.checks import second_factor_required
from audit.models import AuditEntry
from tests.accounts.conftest import ROLES, code, secret_on, sign_in, wrong

pytestmark = pytest.mark.django_db
SECOND_FACTOR = "/admin/second-factor/"
ROLE_PAGES = ("/admin/", "/admin/inquiries/inquiry/", "/admin/audit/auditentry/", "/admin/password_change/")


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    settings.STAFF_OTP_REQUIRED = True


def refused_everywhere(client) -> bool:
    return all(
        (r := client.get(page)).status_code == 302 and r["Location"].startswith(SECOND_FACTOR)
        for page in ROLE_PAGES
    )


def enrol(client, clock) -> tuple[bytes, str]:
    page = client.get(SECOND_FACTOR + "?next=/admin/inquiries/inquiry/")
    key = secret_on(page.content.decode())
    refused = client.post(SECOND_FACTOR, {"code": wrong(key), "next": "/admin/inquiries/inquiry/"})
    assert refused.status_code == 200 and "確認コードが正しくありません" in refused.content.decode()
    assert refused_everywhere(client)
    clock.move(seconds=2)  # django-otp waits a second after a wrong code before it looks at the next
    used = code(key)
    done = client.post(SECOND_FACTOR, {"code": used, "next": "/admin/inquiries/inquiry/"})
    assert done.status_code == 302 and done["Location"] == "/admin/inquiries/inquiry/"
    return key, used


@pytest.mark.parametrize("role", ROLES)
def test_each_role_enrols_at_its_first_sign_in_then_gives_a_code_each_time(client, demo, clock, role):
    assert sign_in(client, role).status_code == 302
    assert refused_everywhere(client)
    page = client.get(SECOND_FACTOR).content.decode()
    assert '<div class="otp-qr"><svg' in page and "data:" not in page and 'id="otp-secret"' in page
    key, used = enrol(client, clock)
    assert all(client.get(page).status_code == 200 for page in ROLE_PAGES)

    client.post("/admin/logout/")
    assert sign_in(client, role).status_code == 302
    assert refused_everywhere(client)
    page = client.get(SECOND_FACTOR).content.decode()
    assert (
        "確認コードの入力" in page and 'id="otp-secret"' not in page and "otp-qr" not in page
    )  # never again
    assert client.post(SECOND_FACTOR, {"code": wrong(key)}).status_code == 200
    assert refused_everywhere(client)
    clock.move(seconds=2)
    # The code enrolment used cannot be used again: the app's next one is.
    assert client.post(SECOND_FACTOR, {"code": used}).status_code == 200
    clock.move(seconds=4)
    assert client.post(SECOND_FACTOR, {"code": code(key, 1)}).status_code == 302
    assert all(client.get(page).status_code == 200 for page in ROLE_PAGES)
    assert TOTPDevice.objects.filter(user=demo[role], confirmed=True).count() == 1


def test_codes_typed_fast_after_a_wrong_one_are_not_even_looked_at(client, demo):
    sign_in(client, "intake")
    key = secret_on(client.get(SECOND_FACTOR).content.decode())
    client.post(SECOND_FACTOR, {"code": wrong(key)})
    page = client.post(SECOND_FACTOR, {"code": code(key)})
    assert "少し待ってから" in page.content.decode() and refused_everywhere(client)


def test_letters_and_short_codes_are_refused_in_words(client, demo):
    sign_in(client, "intake")
    page = client.post(SECOND_FACTOR, {"code": "12ab"}).content.decode()
    assert "6桁の数字を入力してください" in page


def test_each_second_factor_attempt_is_in_the_audit_trail(client, demo, clock):
    sign_in(client, "verifier")
    enrol(client, clock)
    steps = [
        (e.action, e.changes["step"], e.changes.get("refused"))
        for e in AuditEntry.objects.filter(object_id=str(demo["verifier"].pk)).order_by("id")
    ]
    assert steps == [
        ("signed_in", "password", None),
        ("sign_in_failed", "second_factor", "wrong"),
        ("signed_in", "second_factor", None),
    ]


def test_a_lost_phone_is_reset_and_the_next_sign_in_enrols_again(client, demo, clock):
    sign_in(client, "manager")
    enrol(client, clock)
    call_command("reset_second_factor", "manager", reason="スマートフォン紛失")
    client.post("/admin/logout/")
    sign_in(client, "manager")
    assert 'id="otp-secret"' in client.get(SECOND_FACTOR).content.decode()


def test_it_is_off_for_the_demo_and_check_deploy_warns_then(client, demo, settings):
    assert second_factor_required(None) == []
    settings.STAFF_OTP_REQUIRED = False
    (warning,) = second_factor_required(None)
    assert warning.id == "accounts.W001"
    sign_in(client, "intake")
    assert client.get("/admin/").status_code == 200


def test_the_enrolment_page_speaks_english(client, demo):
    sign_in(client, "intake", HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(SECOND_FACTOR, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Set up two-step sign-in" in page and "authenticator app" in page


def test_make_run_switches_it_off_for_the_demo_logins_only():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    serving = [line for line in makefile.splitlines() if "runserver" in line or "honcho start" in line]
    assert serving and all("STAFF_OTP_REQUIRED=$${STAFF_OTP_REQUIRED:-0}" in line for line in serving)
