"""One applicant with a history (cases filed through submit_inquiry, documents on disk, messages, audit
entries), for the APPI tests and bench/disclosure.py."""

from __future__ import annotations

import hashlib
import os
import uuid

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from audit import trail
from audit.models import AuditEntry
from inquiries.models import Direction, Document, Inquiry, Message
from inquiries.services.submission import submit_inquiry
from tests.factories import family_fields

APPLICANT = dict(
    applicant_surname="山本", applicant_given_name="幸子", applicant_surname_kana="ヤマモト",
    applicant_given_name_kana="サチコ", phone="03-1234-5678", email="sachiko@example.jp",
    address="東京都千代田区霞が関1-2-2", postal_code="100-8916",
)  # fmt: skip


def applicant_cases(
    *,
    cases: int = 1,
    documents: int = 2,
    size: int = 1024,
    messages: int = 2,
    audit_entries: int = 0,
    actor=None,
    **overrides,
) -> list[Inquiry]:
    """`cases` inquiries of 山本 幸子 (about different relatives), with documents of `size` random
    bytes, messages and VIEWED audit entries spread over them."""
    applicant = {**APPLICANT, **overrides}
    made = []
    for n in range(cases):
        fields = family_fields(**applicant, given_name_kanji=f"一郎{n}")
        made.append(submit_inquiry(f"appi-{uuid.uuid4().hex}", fields, []).inquiry)
    for n in range(documents):
        data = b"%PDF-1.4\n" + os.urandom(max(size - 9, 0))
        document = Document(
            inquiry=made[n % cases], kind="koseki", original_name=f"戸籍謄本{n}.pdf",
            content_type="application/pdf", size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        )  # fmt: skip
        document.file.save(f"{made[n % cases].reference}-koseki.pdf", ContentFile(data), save=True)
    Message.objects.bulk_create(
        Message(
            inquiry=made[n % cases],
            direction=Direction.FROM_FAMILY if n % 2 else Direction.TO_FAMILY,
            body=f"{applicant['applicant_surname']}です。父のことで{n}回目のご連絡です。",
        )
        for n in range(messages)
    )
    if audit_entries:
        actor = actor or get_user_model().objects.filter(is_staff=True).first()
        AuditEntry.objects.bulk_create(
            trail.entry(made[n % cases], AuditEntry.Action.VIEWED, {}, actor) for n in range(audit_entries)
        )
    return made
