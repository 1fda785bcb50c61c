"""Limits per client address on the family pages: counted atomically, through trusted proxies,
never against a valid link, without sleeping in a request, and open when the cache is down."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from inquiries.models import Inquiry
from inquiries.ratelimit import client_address
from tests import test_family_support
from tests.test_family_support import confirm, fill_to_confirm

pytestmark = pytest.mark.django_db
family = test_family_support.family  # fixture: private files in a temporary directory, fresh limits


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.7", "10.0.0.1"),  # no proxy trusted: the header is the client's own words
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.9, 203.0.113.7", "203.0.113.7"),  # the left entry was written by the client
        (2, "198.51.100.9, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),  # fewer entries than proxies: all written by ours
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_it_reads_the_client_address_through_the_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_families_behind_one_proxy_do_not_share_a_limit(settings, family):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FAMILY_SUBMIT_LIMIT = 1
    for address in ("203.0.113.7", "198.51.100.9"):
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address)
        assert confirm(client, fill_to_confirm(client)).status_code == 302
    again = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="evil, 203.0.113.7")
    response = confirm(again, fill_to_confirm(again))
    assert response.status_code == 429 and Inquiry.objects.count() == 2


def filed_token(client) -> str:
    confirm(client, fill_to_confirm(client))
    html = client.get("/inquiries/new/receipt/").content.decode()
    return re.search(r"/inquiries/status/([A-Za-z0-9_\-]{40,})/", html).group(1)


def test_a_valid_link_opens_after_many_wrong_guesses_from_the_same_address(client, settings, family):
    settings.FAMILY_TRACKING_LIMIT = 3
    token = filed_token(client)
    for i in range(10):
        client.get(f"/inquiries/status/guess-{i}/")
    assert client.get("/inquiries/status/guess-x/").status_code == 429
    response = client.get(f"/inquiries/status/{token}/")
    assert response.status_code == 200 and Inquiry.objects.get().reference in response.content.decode()


def test_a_wrong_guess_is_answered_without_sleeping(client, settings, family, monkeypatch):
    settings.FAMILY_TRACKING_LIMIT = 8

    def no_sleep(seconds):
        raise AssertionError(f"a request slept {seconds} s")

    monkeypatch.setattr("time.sleep", no_sleep)
    statuses = [client.get(f"/inquiries/status/guess-{i}/").status_code for i in range(10)]
    assert statuses == [404] * 8 + [429] * 2


def test_the_refusal_says_how_long_to_wait_in_english_too(client, settings, family):
    settings.FAMILY_TRACKING_LIMIT = 1
    settings.FAMILY_LIMIT_WINDOW_SECONDS = 1800
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get("/inquiries/status/guess-1/")
    response = client.get("/inquiries/status/guess-2/")
    html = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"] == "1800"
    assert "30 minutes" in html and "正しくない" not in html


def test_it_lets_families_through_when_the_cache_is_down(client, settings, family, caplog):
    settings.FAMILY_SUBMIT_LIMIT = 1
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for _ in range(2):
        assert confirm(client, fill_to_confirm(client)).status_code == 302
    assert Inquiry.objects.count() == 2
    assert "rate limit cache unavailable" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_submissions_from_one_address_make_exactly_the_limit(
    postgres, redis_url, settings, family
):
    settings.FAMILY_SUBMIT_LIMIT = 10
    clients = []
    for _ in range(30):
        client = Client()
        clients.append((client, fill_to_confirm(client)))
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def send(client, key):
        try:
            start.wait()
            statuses.append(confirm(client, key).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302] * 10 + [429] * 20
    assert Inquiry.objects.count() == 10


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("TRUSTED_PROXY_COUNT", "-1", "TRUSTED_PROXY_COUNT must be 0 or more"),
        ("FAMILY_SUBMIT_LIMIT", "0", "FAMILY_SUBMIT_LIMIT must be at least 1"),
        ("FAMILY_TRACKING_LIMIT", "many", "FAMILY_TRACKING_LIMIT must be a whole number"),
    ],
)
def test_it_refuses_limit_settings_it_cannot_use(tmp_path, name, value, message):
    from tests.test_settings import load_settings

    result = load_settings(DEBUG="1", VAR_DIR=str(tmp_path), **{name: value})
    assert result.returncode != 0 and message in result.stderr
