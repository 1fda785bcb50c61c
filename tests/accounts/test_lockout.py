"""Sign-in is paused for one username from one address after repeated wrong passwords (django-axes)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.accounts.conftest import ADDRESS, sign_in

pytestmark = pytest.mark.django_db
OTHER_ADDRESS = "198.51.100.7"


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_it_pauses_the_user_at_that_address_after_five_wrong_passwords_even_with_the_right_one(client, demo):
    for _ in range(4):
        response = sign_in(client, "intake", "wrong password")
        assert response.status_code == 200 and "errornote" in response.content.decode()
    fifth = sign_in(client, "intake", "wrong password")
    assert fifth.status_code == 429
    assert "ログインを一時的に止めています" in fifth.content.decode()
    assert sign_in(client, "intake").status_code == 429  # the right password, too soon
    assert not signed_in(client)


def test_the_same_user_from_another_address_and_another_user_from_that_address_still_sign_in(client, demo):
    for _ in range(5):
        sign_in(client, "intake", "wrong password")
    assert sign_in(client, "intake", address=OTHER_ADDRESS).status_code == 302
    assert signed_in(client)
    client.logout()
    assert sign_in(client, "matcher").status_code == 302 and signed_in(client)


def test_it_says_calmly_when_to_try_again_and_lets_them_in_after_the_cool_off(client, demo, clock, settings):
    for _ in range(5):
        page = sign_in(client, "verifier", "wrong password")
    html = page.content.decode()
    retry_at = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME).strftime("%H:%M")
    assert f"{retry_at} 以降（あと約 15 分）に、もう一度ログインしてください。" in html
    assert "Traceback" not in html and "パスワードの再設定" in html
    clock.move(minutes=10)
    again = sign_in(client, "verifier")
    assert again.status_code == 429 and f"{retry_at} 以降（あと約 5 分）" in again.content.decode()
    clock.move(minutes=6)
    assert sign_in(client, "verifier").status_code == 302 and signed_in(client)


def test_the_locked_out_page_speaks_english_when_asked(client, demo):
    for _ in range(5):
        page = sign_in(client, "manager", "wrong password", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 429 and '<html lang="en"' in html
    assert "Signing in is paused for a while" in html and "(in about 15 minutes)" in html


def test_a_successful_sign_in_starts_the_count_again(client, demo):
    for _ in range(4):
        sign_in(client, "intake", "wrong password")
    assert sign_in(client, "intake").status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "intake", "wrong password").status_code == 200
    assert sign_in(client, "intake").status_code == 302


def test_it_counts_by_the_client_address_the_rate_limits_use(client, demo, settings):
    assert settings.CLIENT_ADDRESS_CALLABLE == "inquiries.ratelimit.client_address"
    for _ in range(5):
        sign_in(client, "intake", "wrong password", address=ADDRESS)
    from axes.models import AccessAttempt

    (attempt,) = AccessAttempt.objects.all()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == ("intake", ADDRESS, 5)


def test_a_request_with_no_address_is_counted_without_one_and_never_fails(client, demo, postgres):
    """No REMOTE_ADDR (force_login's request, a UNIX socket): PostgreSQL would refuse a word as an address."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="intake"))
    assert signed_in(client)
    client.logout()
    for _ in range(5):
        page = sign_in(client, "intake", "wrong", address="")
    assert page.status_code == 429
