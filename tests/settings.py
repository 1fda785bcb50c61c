"""Test settings: the project's one settings module, read with TESTING on."""

import os

os.environ.setdefault("TESTING", "1")

from config.settings import *  # noqa: F403
