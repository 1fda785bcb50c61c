"""A real Celery worker process executes a task sent through Redis."""

from __future__ import annotations

from django.conf import settings

from config.celery import app, ping


def test_it_runs_a_task_in_a_real_worker_through_redis(celery_worker_process):
    result = ping.delay()
    assert result.get(timeout=30) == "pong"
    assert "config.ping" in celery_worker_process.log_path.read_text()


def test_it_runs_tasks_in_process_when_no_broker_is_configured():
    if settings.REDIS_URL:
        assert app.conf.task_always_eager is False
        assert app.conf.broker_url == settings.REDIS_URL
    else:
        assert app.conf.task_always_eager is True
        assert ping.delay().get() == "pong"
