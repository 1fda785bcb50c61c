"""The settings that keep a task from being lost or run twice, and from hanging on a broken service."""

from __future__ import annotations

from django.conf import settings

from config.celery import app
from inquiries.notifications.delivery import retry_countdown
from inquiries.tasks import send_notification


def test_it_acknowledges_late_and_requeues_on_worker_loss_one_task_at_a_time():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_it_keeps_every_countdown_and_the_lease_below_the_visibility_timeout():
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert visibility == settings.CELERY_VISIBILITY_TIMEOUT
    countdowns = [retry_countdown(n) for n in range(1, settings.NOTIFY_MAX_ATTEMPTS + 1)]
    assert countdowns == sorted(countdowns)  # growing pauses
    assert max(countdowns) < visibility
    assert settings.NOTIFY_LEASE_SECONDS < visibility
    assert send_notification.time_limit <= settings.NOTIFY_LEASE_SECONDS  # killed before its lease ends


def test_it_limits_task_time_and_socket_waits():
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit < app.conf.task_time_limit
    options = app.conf.broker_transport_options
    assert 0 < options["socket_timeout"] <= 5 and 0 < options["socket_connect_timeout"] <= 5
    assert app.conf.broker_connection_timeout <= 5
    assert app.conf.task_publish_retry is False
    if settings.REDIS_URL:
        cache = settings.CACHES["default"]["OPTIONS"]
        assert 0 < cache["socket_timeout"] <= 5 and 0 < cache["socket_connect_timeout"] <= 5
    assert 0 < settings.EMAIL_TIMEOUT <= 30


def test_it_refuses_a_retry_pause_at_or_above_the_visibility_timeout():
    from tests.test_settings import load_settings

    result = load_settings(DEBUG="1", CELERY_VISIBILITY_TIMEOUT="60", NOTIFY_RETRY_MAX_SECONDS="60")
    assert result.returncode != 0
    assert "NOTIFY_RETRY_MAX_SECONDS must be above 0 and below CELERY_VISIBILITY_TIMEOUT" in result.stderr


def test_it_sweeps_often_enough_to_catch_up_within_minutes():
    sweep = settings.CELERY_BEAT_SCHEDULE["notifications-sweep"]
    assert sweep["task"] == "inquiries.sweep_notifications"
    assert sweep["schedule"] == settings.NOTIFY_SWEEP_SECONDS <= 600
