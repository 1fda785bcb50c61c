"""The world the permission matrix runs in: the demo staff, a staff member in no role, and one object
of every kind an admin page can show (cases, candidates, a document, notifications, records...)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from archive.models import BurialSite, Camp, ImportBatch
from audit.models import AuditEntry
from devdata.management.commands.load_demo_data import Command as LoadDemoData
from inquiries.models import CandidateMatch, Document, Notification, Status
from inquiries.roles import MATCHING, sync_role_groups
from inquiries.services import workflow
from tests.workflow.conftest import make_candidate, make_inquiry, make_record, make_staff

# The personas, in the table's column order: the demo logins, then anonymous and staff in no role.
PERSONAS = ("anonymous", "norole", "intake", "matcher", "verifier", "manager")


@dataclass
class World:
    users: dict
    searching: object  # a case being searched, with a suggested candidate
    proposed: object  # a case whose candidate another matcher proposed
    suggested_candidate: CandidateMatch
    proposed_candidate: CandidateMatch
    document: Document
    letter: Notification
    phone: Notification
    failed_email: Notification
    record: object
    camp: Camp
    burial_site: BurialSite
    batch: ImportBatch
    audit_entry: AuditEntry
    colleague: object  # a staff member the administrator role may manage
    operator: object  # a superuser, whom it may not
    group: Group


def build_world() -> World:
    sync_role_groups()
    LoadDemoData().create_demo_users()
    User = get_user_model()
    users = {user.username: user for user in User.objects.filter(username__in=PERSONAS)}
    users["norole"] = make_staff("norole")
    operator = make_staff("operator", is_superuser=True)
    colleague = make_staff("colleague", MATCHING, email="colleague@example.jp")
    searching = make_inquiry(Status.SEARCHING)
    suggested = make_candidate(searching)
    proposed_case = make_inquiry(Status.MATCH_PROPOSED)
    proposed = make_candidate(
        proposed_case, status=CandidateMatch.State.PROPOSED, proposed_by=colleague, note="照合案"
    )
    data = b"%PDF-1.4 koseki"
    document = Document(
        inquiry=searching, kind="koseki", original_name="戸籍謄本.pdf", content_type="application/pdf",
        size=len(data), sha256=hashlib.sha256(data).hexdigest(),
    )  # fmt: skip
    document.file.save("koseki.pdf", ContentFile(data), save=True)

    def notification(key, channel, status):
        return Notification.objects.create(
            key=key, inquiry=searching, kind="received", channel=channel, recipient="見本 花子",
            subject="受付", body_text="受け付けました。", status=status,
        )  # fmt: skip

    N = Notification.Status
    letter = notification("letter", Notification.Medium.LETTER, N.PENDING)
    phone = notification("phone", Notification.Medium.PHONE, N.PENDING)
    failed = notification("failed", Notification.Medium.EMAIL, N.FAILED)
    record = make_record()
    workflow.assign(searching, user=operator, assignee=operator)  # one audit entry
    return World(
        users=users, searching=searching, proposed=proposed_case, suggested_candidate=suggested,
        proposed_candidate=proposed, document=document, letter=letter, phone=phone, failed_email=failed,
        record=record, camp=Camp.objects.first(),
        burial_site=BurialSite.objects.first(),
        batch=ImportBatch.objects.create(file_name="cards.csv", checksum="0" * 64, state="done"),
        audit_entry=AuditEntry.objects.latest("id"), colleague=colleague, operator=operator,
        group=Group.objects.get(name=MATCHING.group),
    )  # fmt: skip
