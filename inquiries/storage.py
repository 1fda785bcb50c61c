"""Private storage for families' documents: a directory that no URL serves.

Files are read back only through views that check who is asking. The location is read from
settings each time, so tests (and deployments) can move it with PRIVATE_MEDIA_ROOT.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage under PRIVATE_MEDIA_ROOT with no base URL: `.url()` refuses."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self):  # read each time: the model field keeps one instance for the process
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):  # never hand out a public address for a family's document
        raise ValueError("private documents have no public URL")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def drafts_root() -> Path:
    """Where files uploaded during an unfinished inquiry wait, one directory per draft."""
    return Path(settings.PRIVATE_MEDIA_ROOT) / "drafts"
