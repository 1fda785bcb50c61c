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


def test_a_fresh_web_process_knows_the_tasks_its_verbs_queue_by_name():
    """A web process never imports inquiries.tasks itself; the verbs queue matching by name, and
    without a broker the task must run in-process (not be handed to a broker that is not there)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import django; django.setup()\n"
        "from celery import signature\n"
        "from inquiries.services.scheduling import MATCH_INQUIRY, STANDING_SEARCH\n"
        "from config.celery import app\n"
        "print(app.conf.task_always_eager, signature(MATCH_INQUIRY).type.name, signature(STANDING_SEARCH).type.name)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="tests.settings")
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env,
        cwd=Path(__file__).resolve().parent.parent, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr  # a KeyError: the task is not registered, and would go to a broker
    assert out.stdout.split()[-3:] == ["True", "inquiries.match_inquiry", "inquiries.standing_search"]


def test_a_fresh_worker_finds_every_task_and_hook_by_ordinary_autodiscovery():
    """What a worker or beat process loads: every task queued by name or scheduled, and the process hooks."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import django, json; django.setup()\n"
        "from celery.signals import worker_process_shutdown\n"
        "from config.celery import app\n"
        "app.loader.import_default_modules()\n"
        "hooks = [r[1] for r in worker_process_shutdown.receivers]  # connected with weak=False\n"
        "print(json.dumps({'tasks': sorted(app.tasks), 'hooks': [f'{h.__module__}.{h.__name__}' for h in hooks]}))\n"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="tests.settings")
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    queued = {"inquiries.send_notification", "inquiries.match_inquiry", "inquiries.standing_search"}
    assert scheduled | queued <= set(loaded["tasks"])
    assert "inquiries.notifications.mailer.close" in loaded["hooks"]
