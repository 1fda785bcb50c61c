"""Clearing what unfinished inquiries leave behind: expired sessions and the drafts' uploaded files.

Run by the periodic task `inquiries.clear_expired_drafts`. A draft's folder is deleted when
- nothing in it changed for FAMILY_DRAFT_MAX_AGE_SECONDS (the draft itself refuses to load past
  that age, counted from its start), or
- no unexpired session refers to it any more (the family's session expired or was cleared), once
  it is a few minutes old: a folder is written before its session is saved.
Sessions can be listed only with the database session engines; with others the age rule alone applies.
"""

from __future__ import annotations

import logging
import shutil
import time
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from inquiries.storage import drafts_root

log = logging.getLogger(__name__)

GRACE_SECONDS = 10 * 60
DB_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}
DRAFT_SESSION_KEY = "inquiry_draft"  # as inquiries.views.draft keeps it


def clear_expired() -> int:
    """Clear expired sessions, then delete expired and orphaned draft folders; returns folders deleted."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    root = drafts_root()
    if not root.is_dir():
        return 0
    live = live_draft_ids()
    now = time.time()
    removed = 0
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        changed = max([folder.stat().st_mtime] + [f.stat().st_mtime for f in folder.iterdir()])
        expired = now - changed > settings.FAMILY_DRAFT_MAX_AGE_SECONDS
        orphaned = live is not None and folder.name not in live and now - changed > GRACE_SECONDS
        if expired or orphaned:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    if removed:
        log.info("deleted %d unfinished inquiries' upload folders", removed)
    return removed


def live_draft_ids() -> set[str] | None:
    """The draft ids held by unexpired sessions, or None when the session engine cannot list them."""
    if settings.SESSION_ENGINE not in DB_ENGINES:
        return None
    from django.contrib.sessions.models import Session

    ids = set()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        draft = session.get_decoded().get(DRAFT_SESSION_KEY) or {}
        if draft.get("id"):
            ids.add(draft["id"])
    return ids
