"""The security settings as production reads them (DEBUG and TESTING off), for override_settings.

config/settings.py decides cookies' Secure flags, HSTS and the redirect to HTTPS at import from
DEBUG; the tests run with TESTING on, so they take those values from a second, production reading
of the same module rather than restating them.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path
from unittest import mock

SETTINGS = Path(__file__).resolve().parent.parent.parent / "config" / "settings.py"
PREFIXES = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_")
NAMES = {"DEBUG", "X_FRAME_OPTIONS", "CONTENT_SECURITY_POLICY", "MESSAGE_STORAGE"}


def production_security_settings() -> dict:
    environment = {"DEBUG": "0", "TESTING": "0", "SECRET_KEY": "x" * 60}
    with mock.patch.dict(os.environ, environment):
        values = runpy.run_path(str(SETTINGS))
    return {name: value for name, value in values.items() if name in NAMES or name.startswith(PREFIXES)}
