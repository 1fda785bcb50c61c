"""/healthz reports the database and the broker, and answers 503 when one is down."""

from __future__ import annotations

import pytest
from django.db import connections


@pytest.mark.django_db
def test_it_reports_ok_when_everything_is_up(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == ("ok" if settings.REDIS_URL else "in-process")


@pytest.mark.django_db
def test_it_answers_503_when_the_broker_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("down")
    assert response.json()["status"] == "down"


def test_it_answers_503_when_the_database_is_down(client, monkeypatch, tmp_path, django_db_blocker):
    """A real connection attempt to a database that is not there (port 1 / a missing directory)."""
    from config import health

    broken = dict(connections.databases["default"])
    if broken["ENGINE"].endswith("postgresql"):
        broken.update(HOST="127.0.0.1", PORT="1", OPTIONS={"connect_timeout": 2})
    else:
        broken["NAME"] = str(tmp_path / "missing-dir" / "db.sqlite3")
    connections.databases["unreachable"] = broken
    monkeypatch.setattr(health, "DATABASE_ALIAS", "unreachable")
    try:
        with django_db_blocker.unblock():
            response = client.get("/healthz")
    finally:
        connections["unreachable"].close()
        del connections.databases["unreachable"]
    assert response.status_code == 503
    assert response.json()["database"].startswith("down")
    assert response.json()["database"] == "down: OperationalError"
