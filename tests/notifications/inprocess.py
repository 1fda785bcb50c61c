"""Run tasks in the test process, whatever the broker settings, for tests about the rows themselves."""

from __future__ import annotations

import pytest


@pytest.fixture
def eager_tasks():
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before
