"""The demo staff, a clock that can be moved, and signing in through the admin's own login form."""

from __future__ import annotations

import datetime
import re
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.oath import totp

from devdata.management.commands.load_demo_data import DEMO_PASSWORD
from devdata.management.commands.load_demo_data import Command as LoadDemoData
from inquiries.roles import sync_role_groups

ROLES = ("intake", "matcher", "verifier", "manager")
ADDRESS = "203.0.113.5"


@pytest.fixture
def demo(db):
    sync_role_groups()
    LoadDemoData().create_demo_users()
    return {user.username: user for user in get_user_model().objects.filter(username__in=ROLES)}


class Clock:
    """Moves Django's clock (timezone.now, and django-axes' own copies of it); no sleeping."""

    def __init__(self, monkeypatch):
        self.offset = datetime.timedelta(0)
        real = timezone.now

        def now():
            return real() + self.offset

        monkeypatch.setattr(timezone, "now", now)
        monkeypatch.setattr("axes.handlers.proxy.now", now)
        monkeypatch.setattr("axes.attempts.now", now)

    def move(self, **delta) -> None:
        self.offset += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def sign_in(client, username, password=DEMO_PASSWORD, address=ADDRESS, **extra):
    """POST the admin's login form, as a browser does."""
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def secret_on(html: str) -> bytes:
    """The secret the enrolment page shows as text, as the key an authenticator app keeps."""
    text = re.search(r'<code id="otp-secret"[^>]*>([A-Z2-7 ]+)</code>', html).group(1)
    return b32decode(text.replace(" ", ""))


def code(key: bytes, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or that many 30-second steps later)."""
    return f"{totp(key, t0=-30 * steps_ahead):06d}"


def wrong(key: bytes) -> str:
    """A code that no step around now accepts."""
    near = {code(key, n) for n in range(-2, 4)}
    return next(c for c in (f"{n:06d}" for n in range(100000, 999999, 7919)) if c not in near)
