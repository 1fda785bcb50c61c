"""Celery application, configured from Django settings (namespace CELERY)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["inquiries.matching"])


@app.task(name="config.ping", ignore_result=False)
def ping() -> str:
    """A task that proves a worker is reachable through the broker."""
    return "pong"
