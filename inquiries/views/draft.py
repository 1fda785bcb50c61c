"""The unfinished inquiry kept in the session between pages, and its files in the private drafts area.

A draft lives FAMILY_DRAFT_MAX_AGE_SECONDS from its start at most: past that, loading it deletes its
files and answers None (the family sees the "start again" page). Drafts whose session is gone are
swept by `inquiries.tasks.clear_expired_drafts`.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings

from inquiries.models.documents import PROVEN_EXTENSIONS, proven_name
from inquiries.services.submission import discard_draft_files
from inquiries.storage import drafts_root

SESSION_KEY = "inquiry_draft"
SUBMITTED_KEY = "inquiry_submitted"


@dataclass
class Draft:
    id: str
    steps: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)  # kind -> metadata
    started: float = field(default_factory=time.time)

    @classmethod
    def load(cls, request) -> Draft | None:
        raw = request.session.get(SESSION_KEY)
        if not raw:
            return None
        # a draft kept before drafts carried their start counts from now (stored on its next save)
        draft = cls(raw["id"], raw.get("steps", {}), raw.get("files", {}), raw.get("started") or time.time())
        if time.time() - draft.started > settings.FAMILY_DRAFT_MAX_AGE_SECONDS:
            discard_draft_files(draft.id)
            forget(request)
            return None
        return draft

    @classmethod
    def start(cls, request) -> Draft:
        draft = cls(secrets.token_hex(16))
        draft.save(request)
        return draft

    def save(self, request) -> None:
        request.session[SESSION_KEY] = {
            "id": self.id, "steps": self.steps, "files": self.files, "started": self.started,
        }  # fmt: skip

    def merged(self) -> dict:
        data: dict = {}
        for values in self.steps.values():
            data.update(values)
        return data

    def keep_file(self, kind: str, upload, content_type: str) -> None:
        folder = drafts_root() / self.id
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{kind}{PROVEN_EXTENSIONS[content_type][0]}"
        for old in folder.glob(f"{kind}.*"):
            old.unlink()
        digest = hashlib.sha256()
        with path.open("wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
        self.files[kind] = {
            "kind": kind,
            "path": str(path),
            "original_name": proven_name(upload.name, content_type),
            "content_type": content_type,
            "size": upload.size,
            "sha256": digest.hexdigest(),
        }

    def drop_file(self, kind: str) -> None:
        meta = self.files.pop(kind, None)
        if meta:
            for old in (drafts_root() / self.id).glob(f"{kind}.*"):
                old.unlink()


def forget(request) -> None:
    request.session.pop(SESSION_KEY, None)


def remember_submitted(request, submission_key: str, inquiry_id: int) -> None:
    """Only what the receipt page needs to find the inquiry again: never the data itself."""
    request.session[SUBMITTED_KEY] = {"key": submission_key, "inquiry": inquiry_id, "at": time.time()}
