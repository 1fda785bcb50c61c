"""Shared fixtures: personas, and real services that fail (not skip) under CI=true."""

from __future__ import annotations

import os

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The fixtures through which a test needs PostgreSQL, Redis or a Celery worker; every test that uses
# one, directly or through another fixture, is marked `services`.
SERVICE_FIXTURES = frozenset({"postgres", "redis_url", "celery_worker_process"})
SERVICES = frozenset({"PostgreSQL", "Redis"})

_running: pytest.Item | None = None


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`-m "not services"` (`make test MARKERS="not services"`) leaves out exactly the tests that need
    PostgreSQL, Redis or a worker: those marked by hand and those using a fixture of SERVICE_FIXTURES."""
    for item in items:
        if SERVICE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.services)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    global _running
    _running = item


def require(service: str, available: bool) -> None:
    """Skip when a service is missing on a developer's machine; fail under CI=true.

    A test that needs PostgreSQL or Redis without being marked `services` fails wherever the service
    is missing, so that `-m "not services"` cannot keep it by mistake."""
    if available:
        return
    if service in SERVICES and _running is not None and _running.get_closest_marker("services") is None:
        pytest.fail(
            f"{_running.nodeid} needs {service} but is not marked `services`: "
            "use the postgres or redis_url fixture (or mark it)",
            pytrace=False,
        )
    message = f"{service} is required for this test (set DATABASE_URL / REDIS_URL)"
    if IN_CI:
        pytest.fail(message + " and CI=true", pytrace=False)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _spelling_index_of_this_test():
    """Each test's spellings are rolled back after it, and SQLite gives their ids to the next
    test's: the matching index this process keeps must not carry them over (archive.matching.index)."""
    yield
    from archive.matching import index

    index._index.clear()


@pytest.fixture
def client():
    """Django's test client, whose login() passes a request as the admin's login form does:
    django-axes counts failures per (user, address) and refuses to authenticate without one."""
    from django.http import HttpRequest
    from django.test import Client

    class SignInClient(Client):
        def login(self, **credentials):
            request = HttpRequest()
            request.META["REMOTE_ADDR"] = "127.0.0.1"
            return super().login(request=request, **credentials)

    return SignInClient()


@pytest.fixture
def redis_url() -> str:
    require("Redis", bool(settings.REDIS_URL))
    return settings.REDIS_URL


@pytest.fixture
def postgres(db) -> None:
    from django.db import connection

    require("PostgreSQL", connection.vendor == "postgresql")


def worker_environment(redis_url: str) -> dict[str, str]:
    """The environment a worker process needs to see this test run's database and broker."""
    from django.db import connection

    env = dict(os.environ, DJANGO_SETTINGS_MODULE="tests.settings", REDIS_URL=redis_url, TESTING="1")
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    return env


@pytest.fixture
def celery_worker_process(redis_url, tmp_path):
    """A real Celery worker process (prefork, two children) reading this run's Redis broker."""
    import subprocess
    import sys
    import time
    import uuid

    from config.celery import app

    name = f"test-{uuid.uuid4().hex[:8]}@localhost"
    log = tmp_path / "worker.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork", "--concurrency=2",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "-n", name],
            env=worker_environment(redis_url), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Celery worker exited early:\n{log.read_text()}")
        if app.control.ping(destination=[name], timeout=1.0):
            break
    else:
        process.kill()
        pytest.fail(f"the Celery worker did not come up within 60 s:\n{log.read_text()}")
    process.log_path = log
    process.node_name = name
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
