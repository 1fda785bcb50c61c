"""Disclosure (APPI art. 33): everything held about one applicant, as one zip archive.

Staff start from one case, `find_applicant_cases` lists every case that shares its applicant's
e-mail address, telephone number or name (with what matched), staff tick those that are the same
person, and `export` writes, for those cases: data.json (the cases' facts, timeline and notes,
candidate matches, documents' details, messages, notifications, call logs and the audit entries
about any of them), the documents' files themselves, and a README.txt in Japanese saying what is
where. The export is audited (EXPORTED) on every case it covers.
"""

from __future__ import annotations

import json
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit import trail
from audit.models import AuditEntry
from inquiries import policy
from inquiries.models import (
    CallLog,
    CandidateMatch,
    Document,
    Inquiry,
    InquiryEvent,
    Message,
    Notification,
)
from inquiries.privacy import PRIVACY_NOTICE_VERSION

README = """\
開示請求への回答（保有個人データの開示）

この圧縮ファイルには、{applicant} 様について厚生労働省 社会・援護局 調査資料室が保管している
情報をすべて入れています（{date} 現在、照会 {count} 件：{references}）。

・data.json …… 照会ごとの記録です。お知らせいただいた内容、照会の経過と職員のメモ、
  照合した資料、お送りいただいた書類の一覧、やりとりした連絡、お送りしたお知らせ、
  電話の記録、そしてこれらの情報をいつ・だれが見たり変えたりしたかの記録（監査記録）です。
  文字のファイルです。メモ帳などで開けます。
・documents/ …… お送りいただいた書類のファイルそのものです（照会の受付番号ごと）。

内容に誤りがあれば訂正を、不要になった情報は消去を、いつでもお求めいただけます。
受付番号を書き添えて、郵便またはお電話でお申し出ください。
（個人情報の取り扱いの説明 第{notice}版）
"""


class DisclosureRefused(Exception):
    pass


@dataclass(frozen=True)
class Match:
    inquiry: Inquiry
    reasons: tuple[str, ...]  # "email", "phone", "name"


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def find_applicant_cases(inquiry: Inquiry) -> list[Match]:
    """Cases whose applicant shares this one's e-mail, telephone number or full name (this one first)."""
    phone = _digits(inquiry.phone)
    wanted = Q(pk=inquiry.pk) | Q(
        applicant_surname=inquiry.applicant_surname, applicant_given_name=inquiry.applicant_given_name
    )
    if inquiry.email:
        wanted |= Q(email__iexact=inquiry.email)
    if len(phone) >= 3:  # every grouping of a number ends in at least three digits
        wanted |= Q(phone__endswith=phone[-3:])
    matches = []
    for other in Inquiry.objects.filter(wanted, erased_at__isnull=True).order_by("created_at", "id"):
        reasons = tuple(
            reason
            for reason, same in (
                ("email", bool(inquiry.email) and other.email.lower() == inquiry.email.lower()),
                ("phone", bool(phone) and _digits(other.phone) == phone),
                (
                    "name",
                    (other.applicant_surname, other.applicant_given_name)
                    == (inquiry.applicant_surname, inquiry.applicant_given_name),
                ),
            )
            if same
        )
        if reasons:
            matches.append(Match(other, reasons))
    matches.sort(key=lambda m: m.inquiry.pk != inquiry.pk)
    return matches


def _row(instance, exclude=()) -> dict:
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in exclude
    }


def _document_path(document: Document, reference: str) -> str:
    suffix = PurePath(document.file.name).suffix.lower()[:10]
    return f"documents/{reference}/{document.pk}-{document.kind}{suffix}"


def _case(inquiry: Inquiry) -> tuple[dict, list[tuple[Document, str]], dict]:
    """One case's part of data.json, its files (document, path in the archive), and its objects."""
    documents = list(Document.objects.filter(inquiry=inquiry))
    files = [(d, _document_path(d, inquiry.reference)) for d in documents if d.file]
    messages = list(Message.objects.filter(inquiry=inquiry).select_related("author"))
    notifications = list(Notification.objects.filter(inquiry=inquiry).order_by("created_at", "id"))
    calls = list(CallLog.objects.filter(notification__inquiry=inquiry))
    events = list(InquiryEvent.objects.filter(inquiry=inquiry).select_related("actor"))
    candidates = list(CandidateMatch.objects.filter(inquiry=inquiry))
    paths = {d.pk: path for d, path in files}
    data = {
        "inquiry": _row(inquiry, exclude={"tracking_token_hash", "submission_key"}),
        "status": inquiry.get_status_display(),
        "events": [
            {**_row(e, exclude={"actor_id"}), "actor": e.actor.get_full_name() if e.actor else ""}
            for e in events
        ],
        "candidates": [
            {"record": c.record_id, "status": c.status, "score": c.score, "note": c.note} for c in candidates
        ],
        "documents": [
            {**_row(d, exclude={"file"}), "file_in_this_archive": paths.get(d.pk, "")} for d in documents
        ],
        "messages": [
            {**_row(m, exclude={"author_id"}), "author": m.author.get_full_name() if m.author else ""}
            for m in messages
        ],
        "notifications": [_row(n, exclude={"lease_until"}) for n in notifications],
        "calls": [_row(c, exclude={"caller_id"}) for c in calls],
    }
    objects = {
        Inquiry: [inquiry.pk],
        Document: [d.pk for d in documents],
        Message: [m.pk for m in messages],
        Notification: [n.pk for n in notifications],
        InquiryEvent: [e.pk for e in events],
        CallLog: [c.pk for c in calls],
        CandidateMatch: [c.pk for c in candidates],
    }
    return data, files, objects


def _audit_entries(objects: dict) -> list[dict]:
    wanted = Q(pk__in=[])
    for model, ids in objects.items():
        if ids:
            content_type = ContentType.objects.get_for_model(model)
            wanted |= Q(content_type=content_type, object_id__in=[str(pk) for pk in ids])
    entries = AuditEntry.objects.filter(wanted).select_related("content_type").order_by("created_at", "id")
    return [
        {
            "when": e.created_at,
            "what": f"{e.content_type.model} {e.object_id}",
            "action": e.get_action_display(),
            "by": e.actor_name,
            "changes": e.changes,
            "reason": e.reason,
        }
        for e in entries
    ]


def export(inquiries: list[Inquiry], *, user, reason: str = ""):
    """The archive for these cases (one applicant), as an open temporary file positioned at 0, and
    its file name. Writes one EXPORTED audit entry per case."""
    if not policy.may(user, "disclose"):
        raise DisclosureRefused("disclose")
    if not inquiries:
        raise DisclosureRefused("no cases")
    now = timezone.localtime()
    cases: list[dict] = []
    files: list[tuple[Document, str]] = []
    objects: dict[type, list[int]] = {}
    for inquiry in inquiries:
        data, case_files, case_objects = _case(inquiry)
        cases.append(data)
        files.extend(case_files)
        for model, ids in case_objects.items():
            objects.setdefault(model, []).extend(ids)
    first = inquiries[0]
    payload = {
        "produced_at": now,
        "applicant": f"{first.applicant_surname} {first.applicant_given_name}",
        "privacy_notice_version": PRIVACY_NOTICE_VERSION,
        "inquiries": cases,
        "audit": _audit_entries(objects),
    }
    references = [i.reference for i in inquiries]
    readme = README.format(
        applicant=payload["applicant"],
        date=f"{now:%Y-%m-%d}",
        count=len(inquiries),
        references="、".join(references),
        notice=PRIVACY_NOTICE_VERSION,
    )
    handle = tempfile.TemporaryFile()
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme.replace("\n", "\r\n").encode("utf-8-sig"))
        archive.writestr(
            "data.json", json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        for document, path in files:
            with document.file.open("rb") as source:  # already compressed (PDF, JPEG, PNG): stored
                archive.writestr(
                    zipfile.ZipInfo(path, now.timetuple()[:6]), source.read(), zipfile.ZIP_STORED
                )
    handle.seek(0)
    with transaction.atomic():
        for inquiry in inquiries:
            trail.record_access(
                inquiry,
                AuditEntry.Action.EXPORTED,
                user,
                disclosure=references,
                files=len(files),
                reason=reason[:300],
            )
    return handle, f"disclosure-{first.reference}-{now:%Y%m%d}.zip"
