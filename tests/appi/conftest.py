"""Fixtures for the APPI tests: private files in a temporary directory, and the staff personas."""

from __future__ import annotations

import pytest

from tests.workflow.conftest import intake, manager, matcher, outsider, verifier  # noqa: F401

DAYS = 400


@pytest.fixture
def private(settings, tmp_path):
    """Documents under a temporary directory; retention RETENTION_DAYS = DAYS."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.RETENTION_DAYS = DAYS
    return tmp_path / "private"


@pytest.fixture
def demo(db):
    """The demo staff accounts (intake, matcher, verifier, manager) as load_demo_data makes them."""
    from django.contrib.auth import get_user_model

    from devdata.management.commands.load_demo_data import Command as LoadDemoData
    from inquiries.roles import sync_role_groups

    sync_role_groups()
    LoadDemoData().create_demo_users()
    return {user.username: user for user in get_user_model().objects.filter(is_staff=True)}
