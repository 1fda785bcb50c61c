"""A family's reply to staff's request for more information: one verb that owns its transaction.

A reply is taken only while a question to the family is open (the case waits for the family, so
it is open too), and only within the day's allowance per tracking link: FAMILY_REPLY_LIMIT replies
(5) and FAMILY_REPLY_UPLOAD_LIMIT bytes of documents (20 MB) in any 24 hours. The case goes back to
the search through `move`, with the system as actor.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from inquiries.models import Direction, Document, DocumentKind, Inquiry, Message, Status
from inquiries.models.documents import PROVEN_EXTENSIONS, proven_name
from inquiries.services.workflow import lock, move

REPLY_RECEIVED = _("ご家族からのご回答を受け取りました。")


class ReplyRefused(Exception):
    """No reply is taken: `reason` is "closed" (no question open) or "limit" (the day's allowance)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def question_open(inquiry: Inquiry) -> bool:
    """Whether the family is being asked something (the case waits for their answer)."""
    return inquiry.status == Status.AWAITING_FAMILY


def within_allowance(inquiry: Inquiry, upload_bytes: int = 0) -> bool:
    """Whether one more reply with `upload_bytes` of documents stays within the last 24 hours' limits."""
    since = timezone.now() - timedelta(days=1)
    recent = Message.objects.filter(inquiry=inquiry, direction=Direction.FROM_FAMILY, created_at__gte=since)
    sent_bytes = Document.objects.filter(message__in=recent).aggregate(n=Sum("size"))["n"] or 0
    return (
        recent.count() < settings.FAMILY_REPLY_LIMIT
        and sent_bytes + upload_bytes <= settings.FAMILY_REPLY_UPLOAD_LIMIT
    )


def reply_from_family(inquiry: Inquiry, text: str, files=()) -> Message:
    """Store the reply and its documents; the case goes back to the search. Raises ReplyRefused.

    `files` are uploaded files already checked by ReplyForm (each with `.content_type_sniffed`).
    """
    with translation.override("ja"):  # staff read the note in Japanese; the status page translates it
        note = str(REPLY_RECEIVED)
    with transaction.atomic():
        locked = lock(inquiry)
        if not question_open(locked):
            raise ReplyRefused("closed")
        if not within_allowance(locked, sum(upload.size for upload in files)):
            raise ReplyRefused("limit")
        message = Message.objects.create(inquiry=locked, direction=Direction.FROM_FAMILY, body=text)
        for upload in files:
            _attach(locked, message, upload)
        move(locked, Status.SEARCHING, user=None, note=note)
    return message


def _attach(inquiry: Inquiry, message: Message, upload) -> Document:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = Document(
        inquiry=inquiry,
        message=message,
        kind=DocumentKind.OTHER,
        original_name=proven_name(upload.name, upload.content_type_sniffed)[:255],
        content_type=upload.content_type_sniffed,
        size=upload.size,
        sha256=digest.hexdigest(),
    )
    extension = PROVEN_EXTENSIONS[upload.content_type_sniffed][0]
    document.file.save(f"{inquiry.reference}-reply{extension}", upload, save=False)
    document.save()
    return document
