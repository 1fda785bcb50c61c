"""Every transition in the table, for every role: allowed or refused, and what staff and family see."""

from __future__ import annotations

import pytest

from inquiries import transitions
from inquiries.models import InquiryEvent, Status
from inquiries.roles import ROLES
from inquiries.services.workflow import TransitionNotAllowed, move, reopen_for_new_candidate
from tests.workflow.conftest import make_inquiry

BARE = [t for t in transitions.TRANSITIONS if not t.via_service]
CASES = [(t, role.code) for t in BARE for role in ROLES]


def _id(case):
    t, role = case
    return f"{t.source}->{t.target}-{role}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_it_lets_only_the_listed_roles_make_each_transition(case, personas):
    step, role = case
    user = personas[role]
    inquiry = make_inquiry(step.source)
    target = make_inquiry(Status.SEARCHING) if step.target == Status.DUPLICATE else None
    if role in step.roles:
        move(inquiry, step.target, user=user, note="電話で確認済み", duplicate_of=target)
        inquiry.refresh_from_db()
        assert inquiry.status == step.target
        event = inquiry.events.get()
        assert (event.from_status, event.to_status, event.actor) == (step.source, step.target, user)
        assert event.visible_to_family is step.visible_to_family
    else:
        with pytest.raises(TransitionNotAllowed, match="権限がありません"):
            move(inquiry, step.target, user=user, note="電話で確認済み", duplicate_of=target)
        inquiry.refresh_from_db()
        assert inquiry.status == step.source
        assert not inquiry.events.exists()


@pytest.mark.parametrize("step", [t for t in transitions.TRANSITIONS if t.via_service], ids=str)
def test_it_refuses_identification_steps_as_a_bare_move_even_for_a_superuser(step, boss):
    inquiry = make_inquiry(step.source)
    with pytest.raises(TransitionNotAllowed, match="照合候補の画面"):
        move(inquiry, step.target, user=boss, note="x")
    inquiry.refresh_from_db()
    assert inquiry.status == step.source


def test_it_refuses_a_move_that_is_not_in_the_table(boss):
    inquiry = make_inquiry(Status.RECEIVED)
    with pytest.raises(TransitionNotAllowed) as error:
        move(inquiry, Status.ANSWERED, user=boss, note="x")
    assert "受付 → 回答済み には移せません" in error.value.messages[0]


def test_it_requires_a_note_where_the_table_says_so(intake):
    inquiry = make_inquiry(Status.SEARCHING)
    with pytest.raises(TransitionNotAllowed, match="メモ"):
        move(inquiry, Status.WITHDRAWN, user=intake, note="  ")
    inquiry.refresh_from_db()
    assert inquiry.status == Status.SEARCHING


def test_it_requires_the_inquiry_a_duplicate_belongs_to(intake):
    inquiry = make_inquiry(Status.TRIAGE)
    with pytest.raises(TransitionNotAllowed, match="重複先"):
        move(inquiry, Status.DUPLICATE, user=intake, note="同じ方からの二通目")
    original = make_inquiry(Status.SEARCHING)
    move(inquiry, Status.DUPLICATE, user=intake, note="同じ方からの二通目", duplicate_of=original)
    inquiry.refresh_from_db()
    assert inquiry.duplicate_of == original


def test_it_lets_a_superuser_make_any_bare_transition(boss):
    inquiry = make_inquiry(Status.RECEIVED)
    move(inquiry, Status.TRIAGE, user=boss)
    assert inquiry.status == Status.TRIAGE


def test_it_refuses_staff_without_a_role(outsider):
    inquiry = make_inquiry(Status.RECEIVED)
    with pytest.raises(TransitionNotAllowed, match="権限"):
        move(inquiry, Status.TRIAGE, user=outsider)


def test_it_reopens_a_no_record_case_when_the_standing_search_finds_a_candidate(db):
    inquiry = make_inquiry(Status.NO_RECORD)
    assert reopen_for_new_candidate(inquiry) is True
    inquiry.refresh_from_db()
    assert inquiry.status == Status.SEARCHING
    event = InquiryEvent.objects.get(inquiry=inquiry)
    assert event.actor is None and not event.visible_to_family
    assert reopen_for_new_candidate(inquiry) is False  # already searching: nothing happens twice


def test_it_records_when_a_case_last_moved(intake):
    inquiry = make_inquiry(Status.RECEIVED)
    before = inquiry.moved_at
    move(inquiry, Status.TRIAGE, user=intake)
    inquiry.refresh_from_db()
    assert inquiry.moved_at > before
