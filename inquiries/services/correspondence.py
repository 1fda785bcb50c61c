"""A family's reply to staff's request for more information: one verb that owns its transaction.

A case waiting for the family goes back to the search through `move`, with the system as actor;
a reply at any other time is recorded as a step that moves nothing.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from inquiries.events import record_event
from inquiries.models import Direction, Document, DocumentKind, Inquiry, Message, Status
from inquiries.services.workflow import lock, move

REPLY_RECEIVED = _("ご家族からのご回答を受け取りました。")


def reply_from_family(inquiry: Inquiry, text: str, files=()) -> Message:
    """Store the reply and its documents; an inquiry waiting for the family goes back to the search.

    `files` are uploaded files already checked by ReplyForm (each with `.content_type_sniffed`).
    """
    with translation.override("ja"):  # staff read the note in Japanese; the status page translates it
        note = str(REPLY_RECEIVED)
    with transaction.atomic():
        locked = lock(inquiry)
        message = Message.objects.create(inquiry=locked, direction=Direction.FROM_FAMILY, body=text)
        for upload in files:
            _attach(locked, message, upload)
        if locked.status == Status.AWAITING_FAMILY:
            move(locked, Status.SEARCHING, user=None, note=note)
        else:
            record_event(locked, from_status=locked.status, to_status=locked.status, note=note)
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
        original_name=upload.name[:255],
        content_type=upload.content_type_sniffed,
        size=upload.size,
        sha256=digest.hexdigest(),
    )
    extension = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[
        upload.content_type_sniffed
    ]
    document.file.save(f"{inquiry.reference}-reply{extension}", upload, save=False)
    document.save()
    return document
