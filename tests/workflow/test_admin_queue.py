"""The queue (Inquiry changelist): columns, filters, query counts and bulk actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from audit.trail import entries_for
from inquiries.models import Inquiry, Status
from tests.workflow.conftest import make_inquiry

QUEUE = reverse("admin:inquiries_inquiry_changelist")


def test_it_shows_the_queue_oldest_first_with_names_in_kana_and_kanji(client, intake):
    newer = make_inquiry(surname_kanji="鈴木", surname_kana="スズキ")
    older = make_inquiry(surname_kanji="高橋", surname_kana="タカハシ")
    Inquiry.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=40))
    client.force_login(intake)
    page = client.get(QUEUE).content.decode()
    assert page.index(older.reference) < page.index(newer.reference)
    assert "タカハシ シンイチ" in page and "高橋 信一" in page


def test_it_flags_cases_that_are_overdue_and_filters_them(client, intake):
    stalled = make_inquiry(Status.SEARCHING)
    waiting = make_inquiry(Status.AWAITING_FAMILY)
    fresh = make_inquiry(Status.SEARCHING)
    Inquiry.objects.filter(pk=stalled.pk).update(moved_at=timezone.now() - timedelta(days=31))
    Inquiry.objects.filter(pk=waiting.pk).update(moved_at=timezone.now() - timedelta(days=15))
    client.force_login(intake)
    page = client.get(QUEUE, {"overdue": "yes"}).content.decode()
    assert stalled.reference in page and waiting.reference in page and fresh.reference not in page
    assert "期限超過" in page


def test_it_filters_mine_unassigned_prefecture_and_channel(client, intake, matcher):
    mine = make_inquiry(assignee=intake, birthplace="15", channel="post")
    theirs = make_inquiry(assignee=matcher, birthplace="01", channel="web")
    nobody = make_inquiry(birthplace="01", channel="phone")
    client.force_login(intake)

    def refs(**params):
        page = client.get(QUEUE, params).content.decode()
        return {i.reference for i in (mine, theirs, nobody) if i.reference in page}

    assert refs(who="mine") == {mine.reference}
    assert refs(who="unassigned") == {nobody.reference}
    assert refs(pref="15") == {mine.reference}
    assert refs(channel__exact="phone") == {nobody.reference}


def test_it_ranks_older_applicants_higher_in_priority(client, intake):
    young = make_inquiry(applicant_birth_year=1970)
    old = make_inquiry(applicant_birth_year=1935)
    client.force_login(intake)
    page = client.get(QUEUE, {"o": "9"}).content.decode()  # the priority column, highest first
    assert page.index(old.reference) < page.index(young.reference)


@pytest.mark.parametrize("params", [{}, {"who": "mine"}, {"overdue": "yes"}, {"status__exact": "received"}])
def test_it_runs_the_same_number_of_queries_for_5_and_50_rows(
    client, intake, django_assert_num_queries, params
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(intake)
    for _ in range(5):
        make_inquiry(assignee=intake, moved_at=timezone.now() - timedelta(days=60))
    client.get(QUEUE, params)  # warm the session and caches
    with CaptureQueriesContext(connection) as five:
        assert client.get(QUEUE, params).status_code == 200
    for _ in range(45):
        make_inquiry(assignee=intake, moved_at=timezone.now() - timedelta(days=60))
    with django_assert_num_queries(len(five)):
        page = client.get(QUEUE, params).content.decode()
    assert page.count('name="_selected_action"') == 50


def _act(client, action, cases, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in cases], **extra}
    return client.post(QUEUE, data, follow=True)


def test_it_assigns_the_selected_cases_to_me(client, intake):
    cases = [make_inquiry() for _ in range(3)]
    client.force_login(intake)
    response = _act(client, "assign_to_me", cases)
    assert "3 件をあなたの担当にしました" in response.content.decode()
    assert Inquiry.objects.filter(assignee=intake).count() == 3


def test_it_offers_only_the_statuses_legal_for_all_selected_cases(client, intake):
    cases = [make_inquiry(Status.RECEIVED), make_inquiry(Status.RECEIVED)]
    client.force_login(intake)
    page = _act(client, "move_selected", cases).content.decode()
    assert 'value="triage"' in page and 'value="withdrawn"' in page
    assert 'value="searching"' not in page  # received → searching is not in the table
    mixed = [make_inquiry(Status.RECEIVED), make_inquiry(Status.TRIAGE)]
    page = _act(client, "move_selected", mixed).content.decode()
    assert 'value="triage"' not in page and 'value="withdrawn"' in page


def test_it_moves_every_selected_case_and_audits_each(client, intake):
    cases = [make_inquiry(Status.RECEIVED) for _ in range(3)]
    client.force_login(intake)
    response = _act(client, "move_selected", cases, apply="1", to_status="triage", note="内容を確認")
    assert "3 件を「確認中」にしました" in response.content.decode()
    for case in cases:
        case.refresh_from_db()
        assert case.status == Status.TRIAGE
        assert entries_for(case).filter(actor=intake, changes__status=["received", "triage"]).exists()


def test_it_moves_none_when_one_selected_move_is_illegal(client, intake):
    fine = make_inquiry(Status.RECEIVED)
    wrong = make_inquiry(Status.TRIAGE)
    client.force_login(intake)
    response = _act(client, "move_selected", [fine, wrong], apply="1", to_status="triage", note="確認")
    page = response.content.decode()
    assert "どの照会も変更していません" in page and wrong.reference in page
    fine.refresh_from_db()
    wrong.refresh_from_db()
    assert (fine.status, wrong.status) == (Status.RECEIVED, Status.TRIAGE)
    assert not fine.events.exists()


def test_it_offers_no_status_field_to_edit(client, intake):
    case = make_inquiry(Status.RECEIVED)
    client.force_login(intake)
    page = client.get(reverse("admin:inquiries_inquiry_change", args=[case.pk])).content.decode()
    assert 'name="status"' not in page
    response = client.post(reverse("admin:inquiries_inquiry_change", args=[case.pk]), {"status": "closed"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_it_finds_a_case_by_its_receipt_number_or_the_relatives_name(client, intake):
    case = make_inquiry(surname_kanji="渡辺", surname_kana="ワタナベ")
    other = make_inquiry()
    client.force_login(intake)
    page = client.get(QUEUE, {"q": case.reference}).content.decode()
    assert case.reference in page and other.reference not in page
    page = client.get(QUEUE, {"q": "ワタナベ"}).content.decode()
    assert case.reference in page and other.reference not in page


def test_it_counts_a_year_of_the_applicants_age_as_a_week_of_waiting(db):
    from datetime import date

    from inquiries.priority import priority_for

    received = date(2026, 11, 1)
    assert priority_for(received, 1940) - priority_for(received, 1941) == 7
    a_week_earlier_a_year_younger = priority_for(date(2026, 10, 25), 1941)
    assert a_week_earlier_a_year_younger == priority_for(received, 1940)
    case = make_inquiry(applicant_birth_year=1940)
    assert case.priority == priority_for(timezone.localdate(case.created_at), 1940)
