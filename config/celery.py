"""Celery application, configured from Django settings (namespace CELERY), and its process hooks."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_process_shutdown
from django.db import close_old_connections

from inquiries.notifications import mailer

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping", ignore_result=False)
def ping() -> str:
    """A task that proves a worker is reachable through the broker."""
    return "pong"


# Each pool child keeps one SMTP connection open between tasks; it says QUIT when the child ends.
worker_process_shutdown.connect(mailer.close, dispatch_uid="close_smtp", weak=False)


# Database connections are kept between tasks (CELERY_DB_REUSE_MAX) and handled as Django handles
# them between requests: closed when broken or older than CONN_MAX_AGE.
def _close_old_connections(sender=None, **kwargs) -> None:
    if not getattr(getattr(sender, "request", None), "is_eager", False):
        close_old_connections()


task_prerun.connect(_close_old_connections, dispatch_uid="close_old_db_prerun", weak=False)
task_postrun.connect(_close_old_connections, dispatch_uid="close_old_db_postrun", weak=False)
