"""Retention (APPI): a finished case keeps the applicant's personal data for the period the manager
sets (inquiries.RetentionPolicy, by default RETENTION_DAYS), then it is erased.

Finished: closed, withdrawn, duplicate (no move leads out of them, see inquiries.transitions), or
answered with no word from the family since. The period runs from the case's last activity: its last
status change or its last message, whichever is later. An open case is never touched.

What is erased: the applicant's names (→ 消去済み) and birth year, the contact fields, the family's
free-text account, the documents' files (deleted from disk after commit) and names, the messages'
bodies, the notifications' recipient and body, notes on events and calls, the tracking token's
hash; and the same values where earlier audit entries copied them. What stays: the case's skeleton
(receipt number, status, dates, channel, relationship, prefecture), the relative's facts and the
match to the archive record, so the statistics still count it. Each erasure writes one audit entry
(ERASED) that names no one.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from audit import trail
from audit.models import AuditEntry
from inquiries import policy
from inquiries.models import (
    CLOSED_STATUSES,
    CallLog,
    Document,
    Inquiry,
    InquiryEvent,
    Message,
    Notification,
    RetentionPolicy,
    Status,
)

log = logging.getLogger(__name__)

ERASED = "（消去済み）"
FINAL_STATUSES = CLOSED_STATUSES | {Status.ANSWERED}  # answered: only once the family fell silent
# Inquiry fields holding the applicant's personal data, and what each becomes.
INQUIRY_ERASED = {
    "applicant_surname": ERASED,
    "applicant_given_name": ERASED,
    "applicant_surname_kana": "",
    "applicant_given_name_kana": "",
    "applicant_birth_year": None,
    "relationship_other": "",
    "postal_code": "",
    "address": "",
    "phone": "",
    "email": "",
    "family_knowledge": "",
}
# Per model, the fields whose values are erased, also from the audit entries that copied them.
ERASED_FIELDS = {
    Inquiry: (*INQUIRY_ERASED, "tracking_token_hash"),
    Document: ("file", "original_name", "sha256"),
    Message: ("body",),
    Notification: ("recipient", "subject", "body_text", "body_html", "last_error"),
    InquiryEvent: ("note",),
    CallLog: ("note",),
}


def set_period(days: int, *, user) -> RetentionPolicy:
    """The manager sets how many days finished cases keep personal data (audited)."""
    if not policy.may(user, "retention.manage"):
        raise PermissionError("retention.manage")
    with transaction.atomic():
        current = RetentionPolicy.current()
        current = RetentionPolicy.objects.select_for_update().get(pk=current.pk)
        before = trail.snapshot(current)
        current.closed_case_days = days
        current.updated_by = user
        current.save()
        trail.record_change(current, before, user)
    return current


def due_for_erasure(now: datetime | None = None):
    """Cases whose personal data is due for erasure at `now` (default: now), oldest first."""
    now = now or timezone.now()
    limit = now - timedelta(days=RetentionPolicy.current().closed_case_days)
    return (
        Inquiry.objects.filter(status__in=FINAL_STATUSES, erased_at__isnull=True, moved_at__lt=limit)
        .annotate(last_message=Max("messages__created_at"))
        .filter(Q(last_message__isnull=True) | Q(last_message__lt=limit))
        .order_by("moved_at", "id")
    )


def erase_expired(now: datetime | None = None) -> int:
    """Erase every case due at `now`, each in its own transaction; returns how many were erased."""
    erased = 0
    for pk in list(due_for_erasure(now).values_list("pk", flat=True)):
        erased += erase_case(pk, now=now)
    log.info("retention: personal data of %d finished cases erased", erased)
    return erased


def erase_case(pk: int, *, now: datetime | None = None) -> bool:
    """Erase one case's personal data if it is (still) due; False if it is not."""
    now = now or timezone.now()
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().filter(pk=pk).first()
        if inquiry is None or not due_for_erasure(now).filter(pk=pk).exists():
            return False  # reopened, answered again, or erased by a parallel run
        _erase(inquiry, now, f"retention {RetentionPolicy.current().closed_case_days} days")
    return True


class NotFinished(Exception):
    pass


def erase_on_request(reference: str, *, reason: str) -> Inquiry:
    """The family asked for erasure before the period ended: erase a finished case now (an open case
    must be withdrawn first). Run by an operator (`manage.py erase_personal_data`)."""
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(reference=reference)
        if inquiry.status not in FINAL_STATUSES or inquiry.erased_at is not None:
            raise NotFinished(inquiry.reference)
        _erase(inquiry, timezone.now(), f"on request: {reason}"[:300])
    return inquiry


def _erase(inquiry: Inquiry, now: datetime, reason: str) -> None:
    counts = _erase_related(inquiry)
    for name, value in INQUIRY_ERASED.items():
        setattr(inquiry, name, value)
    inquiry.tracking_token_hash = f"erased-{inquiry.pk}"  # unique, and no token hashes to it
    inquiry.erased_at = now
    inquiry.save(update_fields=[*INQUIRY_ERASED, "tracking_token_hash", "erased_at", "updated_at"])
    _redact_audit(inquiry, counts.pop("objects"))
    entry = trail.entry(inquiry, AuditEntry.Action.ERASED, {"erased": counts}, None, reason=reason)
    entry.object_repr = inquiry.reference  # no name in it, not even the relative's
    entry.save()


def _erase_related(inquiry: Inquiry) -> dict:
    documents = list(Document.objects.filter(inquiry=inquiry).exclude(file=""))
    names = [document.file.name for document in documents]
    storage = Document.file.field.storage

    def delete_files() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    notifications = Notification.objects.filter(inquiry=inquiry)
    events = InquiryEvent.objects.filter(inquiry=inquiry)
    calls = CallLog.objects.filter(notification__inquiry=inquiry)
    objects = {
        model: [str(pk) for pk in queryset.values_list("pk", flat=True)]
        for model, queryset in (
            (Document, Document.objects.filter(inquiry=inquiry)),
            (Message, Message.objects.filter(inquiry=inquiry)),
            (Notification, notifications),
            (InquiryEvent, events),
            (CallLog, calls),
        )
    }
    Document.objects.filter(inquiry=inquiry).update(file="", original_name=ERASED, sha256="")
    Message.objects.filter(inquiry=inquiry).update(body="")
    notifications.update(recipient=ERASED, subject="", body_text="", body_html="", last_error="")
    events.update(note="")
    calls.update(note="")
    return {
        "documents": len(objects[Document]),
        "files": len(names),
        "messages": len(objects[Message]),
        "notifications": len(objects[Notification]),
        "objects": {Inquiry: [str(inquiry.pk)], **objects},
    }


def _redact_audit(inquiry: Inquiry, objects: dict) -> None:
    """Blank the erased values in earlier audit entries about the case and its parts. The trail is
    append-only; erasure at the end of retention is the one change made to it, by this function."""
    for model, ids in objects.items():
        if not ids:
            continue
        fields = set(ERASED_FIELDS[model])
        content_type = ContentType.objects.get_for_model(model)
        entries = AuditEntry.objects.filter(content_type=content_type, object_id__in=ids)
        for pk, changes, object_repr in entries.values_list("pk", "changes", "object_repr"):
            redacted = {
                key: ([ERASED if v not in ("", None) else v for v in value] if key in fields else value)
                if isinstance(value, list)
                else (ERASED if key in fields else value)
                for key, value in (changes or {}).items()
            }
            if model is not Inquiry:
                object_repr = str(model._meta.verbose_name)
            AuditEntry.objects.filter(pk=pk).update(changes=redacted, object_repr=object_repr)
