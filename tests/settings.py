"""Test settings: the project's one settings module, read with TESTING on."""

import os

os.environ.setdefault("TESTING", "1")
# The existing suite signs in with a password alone; tests/accounts/ switch the second factor on.
os.environ.setdefault("STAFF_OTP_REQUIRED", "0")

from config.settings import *  # noqa: F403
