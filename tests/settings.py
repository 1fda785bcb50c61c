"""Test settings: the project's one settings module, read with TESTING on."""

import os

os.environ.setdefault("TESTING", "1")

from config.env import envbool
from config.settings import *  # noqa: F403

# The suite signs in with a password alone; tests/accounts/ and the browser test of enrolment switch
# the second factor on. Set here, not in os.environ, so that processes the tests start (a production
# `check --deploy`) keep the default.
STAFF_OTP_REQUIRED = envbool("STAFF_OTP_REQUIRED", False)
