"""Settings are read from the environment and bad values stop start-up with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envint, envlist

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "TESTING", "DATABASE_URL"}
    }
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def test_it_reads_booleans_in_the_usual_spellings(monkeypatch):
    for raw, expected in [
        ("1", True),
        ("yes", True),
        ("On", True),
        ("0", False),
        ("false", False),
        ("", False),
    ]:
        monkeypatch.setenv("SOME_FLAG", raw)
        assert envbool("SOME_FLAG", not expected) is expected


def test_it_refuses_a_boolean_it_cannot_read(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be one of"):
        envbool("SOME_FLAG", False)


def test_it_refuses_a_number_that_is_not_whole(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be a whole number"):
        envint("SOME_NUMBER", 3)
    monkeypatch.setenv("SOME_NUMBER", " 12 ")
    assert envint("SOME_NUMBER", 3) == 12


def test_it_splits_lists_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert envlist("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.delenv("HOSTS")
    assert envlist("HOSTS", ["x"]) == ["x"]


def test_it_requires_a_secret_key_when_debug_is_off(tmp_path):
    result = load_settings(DEBUG="0", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_it_names_the_variable_with_a_bad_value(tmp_path):
    result = load_settings(DEBUG="perhaps", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_it_refuses_a_database_url_it_does_not_support(tmp_path):
    result = load_settings(DEBUG="1", DATABASE_URL="mysql://x@localhost/db", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DATABASE_URL must start with" in result.stderr


def test_it_uses_sqlite_under_var_when_no_database_url_is_set(tmp_path):
    result = load_settings(DEBUG="1", VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_it_runs_on_postgresql_when_database_url_says_so(tmp_path):
    result = load_settings(
        DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:5432/x", VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.postgresql"]


def test_it_passes_the_deployment_checks_with_production_settings(tmp_path):
    leave_out = {"TESTING", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set by the browser tests
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    env.update(
        DEBUG="0",
        SECRET_KEY="a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="inquiries.example.jp",
        VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_an_overdue_limit_below_one_day(tmp_path):
    result = load_settings(DEBUG="1", OVERDUE_DAYS="0", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "OVERDUE_DAYS must be at least 1" in result.stderr


def test_it_names_the_new_setting_when_the_former_overdue_setting_is_set(tmp_path):
    result = load_settings(DEBUG="1", NOTIFY_OVERDUE_DAYS="30", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "NOTIFY_OVERDUE_DAYS is now OVERDUE_DAYS" in result.stderr
