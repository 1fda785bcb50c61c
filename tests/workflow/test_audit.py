"""The audit trail: who changed what, when, old → new; append-only."""

from __future__ import annotations

import pytest

from archive.services import edit_record
from audit.models import AuditEntry
from audit.trail import entries_for
from inquiries.models import Status
from inquiries.services.candidates import propose
from inquiries.services.workflow import move, move_many
from tests.workflow.conftest import make_candidate, make_inquiry, make_record


def test_it_records_who_moved_a_case_from_what_to_what(intake):
    inquiry = make_inquiry(Status.RECEIVED)
    move(inquiry, Status.TRIAGE, user=intake)
    entry = entries_for(inquiry).first()
    assert entry.actor == intake and entry.actor_name == "intake"
    assert entry.changes["status"] == ["received", "triage"]


def test_it_records_every_case_of_a_bulk_move(intake):
    cases = [make_inquiry(Status.RECEIVED) for _ in range(3)]
    move_many(cases, Status.TRIAGE, user=intake, note="")
    for inquiry in cases:
        assert entries_for(inquiry).filter(actor=intake, changes__status=["received", "triage"]).exists()


def test_it_records_candidate_decisions_and_archive_record_edits_in_the_same_trail(matcher):
    candidate = make_candidate(make_inquiry(Status.SEARCHING))
    propose(candidate, user=matcher, note="一致")
    entry = entries_for(candidate).first()
    assert entry.actor == matcher and entry.changes["status"] == ["suggested", "proposed"]
    record = make_record()
    edit_record(record, {"birth_year": 1922}, user=matcher, reason="原本で確認")
    (entry,) = entries_for(record)
    assert entry.actor == matcher and entry.reason == "原本で確認"
    assert entry.changes["birth_year"][1] == 1922


def test_it_refuses_to_change_or_delete_an_entry(intake):
    inquiry = make_inquiry(Status.RECEIVED)
    move(inquiry, Status.TRIAGE, user=intake)
    entry = entries_for(inquiry).first()
    entry.changes = {}
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    assert AuditEntry._meta.default_permissions == ("view",)


def test_it_records_linking_two_inquiries_about_the_same_person(intake):
    from inquiries.services.workflow import link_related

    case, other = make_inquiry(), make_inquiry()
    link_related(case, other, user=intake)
    entry = entries_for(case).first()
    assert entry.actor == intake and entry.changes["related"] == [None, [other.pk]]


def test_it_offers_nobody_a_way_to_edit_or_delete_entries_in_the_admin(client, boss, intake):
    from django.urls import reverse

    inquiry = make_inquiry(Status.RECEIVED)
    move(inquiry, Status.TRIAGE, user=intake)
    entry = entries_for(inquiry).first()
    client.force_login(boss)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403
    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).content.decode()
    assert 'name="_save"' not in page and "received" in page
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_it_shows_a_candidates_history_on_its_page(client, matcher):
    from django.urls import reverse

    candidate = make_candidate(make_inquiry(Status.SEARCHING))
    propose(candidate, user=matcher, note="一致")
    client.force_login(matcher)
    page = client.get(reverse("admin:inquiries_candidatematch_change", args=[candidate.pk])).content.decode()
    assert "suggested → proposed" in page and "matcher" in page
