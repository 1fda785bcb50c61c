"""Filing an inquiry: one verb, `submit_inquiry`, that owns its transaction.

The family pages file through it (channel web), and so does staff intake of post and telephone
inquiries (`inquiries.services.intake`). Inside one transaction it
- gives the inquiry its receipt number (受付番号, e.g. 2026-000123: the year and a six-digit number
  from the year's database sequence on PostgreSQL, or its counter row on SQLite; never retried),
  the channel it came by and its queue priority,
- stores only the SHA-256 hash of the tracking token (the raw token lives in memory for this request),
- moves the documents uploaded during the draft from the private drafts area to private storage,
- records the first event and the audit entry,
- writes the receipt into the notification outbox: by e-mail it carries the private tracking
  link, which exists outside the family's browser nowhere else (see `notifications.privacy`),
- and schedules matching for after the commit. Nothing here sends e-mail.

A second submission of the same draft (double click, reload, back button) finds the inquiry by its
`submission_key` and returns it unchanged, with no token: exactly one inquiry per draft.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from audit import trail
from inquiries.events import record_event
from inquiries.models import Channel, Document, Inquiry, ReceiptCounter, Status
from inquiries.notifications.outbox import notify_family
from inquiries.priority import priority_of
from inquiries.privacy import PRIVACY_NOTICE_VERSION
from inquiries.services.scheduling import match_after_commit
from inquiries.storage import drafts_root
from inquiries.tokens import hash_token, new_token

RECEIPT_LOCK = 15_0001  # advisory lock class (with the year) held while a year's sequence is created

# Where families post paper documents (printed on the receipt).
POSTAL_ADDRESS = (
    "〒100-8916",
    "東京都千代田区霞が関1丁目2番2号",
    "厚生労働省 社会・援護局 事業課 調査資料室 照会受付係",
)

# What a submission takes from its caller: the facts, not the case's state (set here and by the verbs).
INQUIRY_FIELDS = {f.name for f in Inquiry._meta.concrete_fields} - {
    "id", "status", "moved_at", "priority", "assignee", "duplicate_of", "channel",
    "privacy_notice_version", "erased_at",
}  # fmt: skip


@dataclass(frozen=True)
class Submission:
    inquiry: Inquiry
    token: str | None  # the raw tracking token, only when this call created the inquiry
    created: bool


def tracking_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("inquiries:status", args=[token])


def next_reference(year: int) -> str:
    """The next receipt number of `year`. Call it inside the submission's transaction: on PostgreSQL
    it is taken from the year's sequence (no two callers ever get the same number; a rolled-back
    submission leaves a gap), elsewhere from the year's counter row."""
    if connection.vendor == "postgresql":
        number = _from_sequence(year)
    else:
        number = _from_counter(year)
    return f"{year}-{number:06d}"


def _highest(year: int) -> int:
    """The highest number given in `year` so far (0 if none): where a new year's count starts."""
    last = (
        Inquiry.objects.filter(reference__regex=rf"^{int(year)}-[0-9]{{6}}$")
        .order_by("-reference")
        .values_list("reference", flat=True)
    ).first()
    return int(last.removeprefix(f"{year}-")) if last else 0


def _from_sequence(year: int) -> int:
    name = f"inquiries_receipt_{int(year):04d}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [name])
        if cursor.fetchone()[0] is None:  # the year's first submission: create its sequence once
            cursor.execute("SELECT pg_advisory_xact_lock(%s::int, %s::int)", [RECEIPT_LOCK, int(year)])
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {name} START WITH {_highest(year) + 1}")
        cursor.execute("SELECT nextval(%s)", [name])
        return int(cursor.fetchone()[0])


def _from_counter(year: int) -> int:
    # the UPDATE comes first, so SQLite's write lock is held from here until the submission commits
    if not ReceiptCounter.objects.filter(year=year).update(last=F("last") + 1):
        ReceiptCounter.objects.create(year=year, last=_highest(year) + 1)
    return ReceiptCounter.objects.get(year=year).last


def submit_inquiry(
    submission_key: str, fields: dict, files: list[dict], *, channel: str = Channel.WEB, actor=None
) -> Submission:
    """Create the inquiry for one draft (or return the one already made from it).

    `fields` are Inquiry field values; `files` are dicts with kind, path, original_name,
    content_type, size, sha256 for documents waiting in the drafts area. `actor` is the staff
    member who entered it (None: the family).
    """
    existing = Inquiry.objects.filter(submission_key=submission_key).first()
    if existing:
        return Submission(existing, None, False)
    token = new_token()
    saved: list[str] = []
    try:
        with transaction.atomic():
            values = {k: v for k, v in fields.items() if k in INQUIRY_FIELDS}
            values.update(channel=channel, privacy_notice_version=PRIVACY_NOTICE_VERSION)
            inquiry = _create(submission_key, values, token)
            if inquiry is None:
                return Submission(Inquiry.objects.get(submission_key=submission_key), None, False)
            trail.record_creation(inquiry, actor)
            for meta in files:
                saved.append(_store_document(inquiry, meta))
            event = record_event(inquiry, from_status="", to_status=Status.RECEIVED)
            notify_family(event, tracking_url=tracking_url(token))
            match_after_commit(inquiry.pk)
            transaction.on_commit(lambda: discard_draft_files(submission_key))
    except Exception:
        for name in saved:  # the database forgot them; do not leave the copies behind
            Document.file.field.storage.delete(name)
        raise
    return Submission(inquiry, token, True)


def _create(submission_key: str, fields: dict, token: str) -> Inquiry | None:
    try:
        with transaction.atomic():
            inquiry = Inquiry(
                **fields,
                reference=next_reference(timezone.localdate().year),
                submission_key=submission_key,
                tracking_token_hash=hash_token(token),
            )  # in the model's first status, RECEIVED
            inquiry.priority = priority_of(inquiry)
            inquiry.save(force_insert=True)
            return inquiry
    except IntegrityError:
        if Inquiry.objects.filter(submission_key=submission_key).exists():
            return None  # the same draft was submitted by a parallel request
        raise


def _store_document(inquiry: Inquiry, meta: dict) -> str:
    path = Path(meta["path"])
    with path.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != meta["sha256"]:
        raise ValueError("a draft document changed on disk")
    document = Document(
        inquiry=inquiry,
        kind=meta["kind"],
        original_name=meta["original_name"][:255],
        content_type=meta["content_type"],
        size=meta["size"],
        sha256=meta["sha256"],
    )
    with path.open("rb") as handle:
        document.file.save(f"{inquiry.reference}-{meta['kind']}{path.suffix}", File(handle), save=False)
    document.save()
    return document.file.name


def discard_draft_files(draft_id: str) -> None:
    if draft_id and draft_id.isalnum():
        shutil.rmtree(drafts_root() / draft_id, ignore_errors=True)
