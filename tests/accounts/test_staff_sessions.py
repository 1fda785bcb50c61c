"""Staff sessions end after STAFF_IDLE_TIMEOUT without a request and STAFF_SESSION_MAX_AGE after
signing in, with the clock moved instead of waiting; families' sessions are not touched."""

from __future__ import annotations

import pytest

from tests.accounts.conftest import sign_in
from tests.test_family_support import APPLICANT, post_step

pytestmark = pytest.mark.django_db


def test_a_staff_session_ends_after_the_idle_timeout_and_says_why(client, demo, clock, settings):
    sign_in(client, "intake")
    clock.move(seconds=settings.STAFF_IDLE_TIMEOUT - 60)
    assert client.get("/admin/").status_code == 200
    clock.move(seconds=settings.STAFF_IDLE_TIMEOUT - 60)  # a request in between: still there
    assert client.get("/admin/inquiries/inquiry/").status_code == 200
    clock.move(seconds=settings.STAFF_IDLE_TIMEOUT + 1)
    response = client.get("/admin/inquiries/inquiry/?status__exact=new")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/inquiries/inquiry/%3Fstatus__exact%3Dnew"
    page = client.get(response["Location"]).content.decode()
    assert "しばらく操作がなかったため、ログアウトしました" in page
    assert client.get("/admin/").status_code == 302  # signed out for good, not just redirected once


def test_a_busy_staff_session_still_ends_at_its_maximum_age(client, demo, clock, settings):
    settings.STAFF_IDLE_TIMEOUT, settings.STAFF_SESSION_MAX_AGE = 30 * 60, 8 * 60 * 60
    sign_in(client, "matcher")
    elapsed = 0
    while elapsed + 25 * 60 <= settings.STAFF_SESSION_MAX_AGE:
        clock.move(minutes=25)
        elapsed += 25 * 60
        assert client.get("/admin/").status_code == 200, f"signed out after {elapsed} s"
    clock.move(minutes=25)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "ログインしてから時間がたったため" in client.get(response["Location"]).content.decode()


def test_the_limits_are_read_from_settings(client, demo, clock, settings):
    settings.STAFF_IDLE_TIMEOUT = 120
    sign_in(client, "verifier")
    clock.move(seconds=121)
    assert client.get("/admin/").status_code == 302


def test_a_familys_unfinished_form_is_not_touched(client, clock, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client.get("/inquiries/new/")
    post_step(client, "applicant", APPLICANT)
    clock.move(seconds=settings.STAFF_IDLE_TIMEOUT * 3)
    html = client.get("/inquiries/new/applicant/").content.decode()
    assert 'value="山田"' in html
    assert not any(key.startswith("staff_") for key in client.session.keys())


def test_a_staff_member_idle_too_long_on_a_family_page_is_signed_out_but_sees_the_page(
    client, demo, clock, settings
):
    sign_in(client, "intake")
    clock.move(seconds=settings.STAFF_IDLE_TIMEOUT + 1)
    assert client.get("/inquiries/new/", follow=True).status_code == 200
    assert client.get("/admin/").status_code == 302
