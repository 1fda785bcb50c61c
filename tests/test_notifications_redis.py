"""Redis down or frozen: web requests still answer quickly, nothing is lost, the sweeper catches up."""

from __future__ import annotations

import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from inquiries.models import Notification
from tests.notifications import services
from tests.notifications.checks import assert_exactly_once, wait_until_sent

own_redis, smtp_server, start_worker = services.own_redis, services.smtp_server, services.start_worker
pytestmark = [pytest.mark.services, pytest.mark.slow]


@pytest.fixture(autouse=True)
def thin_endpoint(settings):
    settings.ROOT_URLCONF = "tests.notifications.urls"


def file_inquiries(client, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        started = time.monotonic()
        response = client.post("/file/")
        timings.append(time.monotonic() - started)
        assert response.status_code == 200
    return timings


def test_it_saves_and_later_delivers_inquiries_filed_while_redis_is_down(
    postgres, client, own_redis, start_worker, smtp_server
):
    own_redis.stop()
    timings = file_inquiries(client, 50)
    assert max(timings) < 3, f"slowest request {max(timings):.2f} s"
    ids = list(Notification.objects.filter(kind="received").values_list("pk", flat=True))
    assert len(ids) == 50
    assert set(Notification.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"pending"}

    own_redis.start()  # Redis is back; publishing from the web requests never happened
    start_worker()
    sweep = 2  # tests.notifications.services.FAST
    elapsed = wait_until_sent(ids, timeout=60)
    assert elapsed < 2 * sweep + 3, f"delivered {elapsed:.1f} s after the worker came up"
    assert_exactly_once(ids, smtp_server)


def test_it_answers_within_three_seconds_when_redis_hangs(postgres, client, own_redis):
    own_redis.freeze()  # accepts connections, answers nothing
    timings = file_inquiries(client, 2)
    assert max(timings) < 3, f"slowest request {max(timings):.2f} s"
    assert Notification.objects.filter(kind="received", status="pending").count() == 2


def test_it_gives_up_on_a_hanging_redis_cache_within_the_socket_timeout(own_redis, settings):
    cache = dict(settings.CACHES["default"], LOCATION=own_redis.url)
    with override_settings(CACHES={"default": cache}):
        own_redis.freeze()
        started = time.monotonic()
        with pytest.raises(Exception, match="(?i)timeout|timed out"):
            caches["default"].get("anything")
        assert time.monotonic() - started < 3
