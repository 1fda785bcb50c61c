"""A family's reply to staff's request for more information: one verb that owns its transaction."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from inquiries.events import record_event
from inquiries.models import Direction, Document, DocumentKind, Inquiry, Message, Status

REPLY_RECEIVED = _("ご家族からのご回答を受け取りました。")


def reply_from_family(inquiry: Inquiry, text: str, files=()) -> Message:
    """Store the reply and its documents; an inquiry waiting for the family goes back to the search.

    `files` are uploaded files already checked by ReplyForm (each with `.content_type_sniffed`).
    """
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        message = Message.objects.create(inquiry=inquiry, direction=Direction.FROM_FAMILY, body=text)
        for upload in files:
            _attach(inquiry, message, upload)
        before = inquiry.status
        after = Status.SEARCHING if before == Status.AWAITING_FAMILY else before
        if after != before:
            inquiry.status = after
            inquiry.save(update_fields=["status", "updated_at"])
        with translation.override("ja"):  # staff read the note in Japanese; the status page translates it
            note = str(REPLY_RECEIVED)
        record_event(inquiry, from_status=before, to_status=after, note=note)
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
