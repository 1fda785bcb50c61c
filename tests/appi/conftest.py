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
