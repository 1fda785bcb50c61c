"""Proposing, verifying (four eyes), rejecting and holding candidate matches."""

from __future__ import annotations

import pytest

from inquiries.models import CandidateMatch, Status
from inquiries.roles import MATCHING
from inquiries.services.candidates import hold, propose, reject, verify
from inquiries.services.workflow import TransitionNotAllowed
from tests.workflow.conftest import make_candidate, make_inquiry, make_record, make_staff

State = CandidateMatch.State


@pytest.fixture
def proposed(matcher):
    candidate = make_candidate(make_inquiry(Status.SEARCHING))
    propose(candidate, user=matcher, note="読み・生年・出生地が一致")
    return candidate


def test_it_moves_the_case_to_match_proposed_when_a_matcher_proposes(proposed, matcher):
    proposed.refresh_from_db()
    assert proposed.status == State.PROPOSED and proposed.proposed_by == matcher
    assert proposed.inquiry.status == Status.MATCH_PROPOSED
    event = proposed.inquiry.events.get()
    assert event.visible_to_family is False  # the family hears only once it is verified and answered


def test_it_refuses_a_proposal_from_intake(intake):
    candidate = make_candidate(make_inquiry(Status.SEARCHING))
    with pytest.raises(TransitionNotAllowed, match="権限"):
        propose(candidate, user=intake, note="x")


def test_it_refuses_verification_by_the_proposer_even_with_both_roles(matcher, verifier):
    from django.contrib.auth.models import Group

    matcher.groups.add(Group.objects.get(name="確認者"))
    candidate = make_candidate(make_inquiry(Status.SEARCHING))
    propose(candidate, user=matcher, note="一致")
    matcher._role_codes = None
    with pytest.raises(TransitionNotAllowed, match="照合案を出した本人は確認できません"):
        verify(candidate, user=matcher, note="確認", evidence=["reading"])
    candidate.refresh_from_db()
    assert candidate.status == State.PROPOSED
    assert candidate.inquiry.status == Status.MATCH_PROPOSED


def test_it_identifies_the_relative_when_a_second_person_verifies(proposed, verifier):
    warnings = verify(
        proposed, user=verifier, note="原票の写しで確認", evidence=["reading", "birth_year", "camp"]
    )
    proposed.refresh_from_db()
    assert warnings == []
    assert proposed.status == State.CONFIRMED and proposed.decided_by == verifier
    assert "氏名の読み、生年、収容所" in proposed.note
    assert proposed.inquiry.status == Status.IDENTIFIED
    assert "氏名の読み、生年、収容所" in proposed.inquiry.events.last().note


def test_it_needs_at_least_one_piece_of_evidence_and_a_note(proposed, verifier):
    with pytest.raises(TransitionNotAllowed, match="少なくとも一つ"):
        verify(proposed, user=verifier, note="確認", evidence=[])
    with pytest.raises(TransitionNotAllowed, match="メモ"):
        verify(proposed, user=verifier, note="", evidence=["unit"])
    proposed.refresh_from_db()
    assert proposed.status == State.PROPOSED


def test_it_sends_the_case_back_to_searching_when_a_verifier_rejects(proposed, verifier):
    reject(proposed, user=verifier, note="生年が10年違う")
    proposed.refresh_from_db()
    assert proposed.status == State.REJECTED
    assert proposed.inquiry.status == Status.SEARCHING


def test_it_lets_a_matcher_hold_and_reject_suggestions_without_moving_the_case(matcher):
    inquiry = make_inquiry(Status.SEARCHING)
    first, second = make_candidate(inquiry), make_candidate(inquiry)
    hold(first, user=matcher, note="部隊を確認中")
    reject(second, user=matcher, note="出生地が違う")
    first.refresh_from_db()
    second.refresh_from_db()
    inquiry.refresh_from_db()
    assert (first.status, second.status, inquiry.status) == (State.ON_HOLD, State.REJECTED, Status.SEARCHING)


def test_it_warns_when_one_record_is_identified_for_two_inquiries(matcher, verifier):
    record = make_record()
    earlier = make_candidate(make_inquiry(Status.SEARCHING), record)
    propose(earlier, user=matcher, note="一致")
    verify(earlier, user=verifier, note="確認", evidence=["reading"])
    later = make_candidate(make_inquiry(Status.SEARCHING), record)
    propose(later, user=matcher, note="一致")
    warnings = verify(later, user=verifier, note="確認", evidence=["reading"])
    assert len(warnings) == 1 and earlier.inquiry.reference in warnings[0]


ALLOWED = {"propose": {"matching"}, "hold": {"matching"}, "reject": {"matching"}, "verify": {"verifier"}}


@pytest.mark.parametrize("role", ["intake", "matching", "verifier", "administrator"])
@pytest.mark.parametrize("verb", sorted(ALLOWED))
def test_it_lets_only_the_right_role_decide_about_a_candidate(verb, role, personas, second_verifier):
    from inquiries.services import candidates as decide

    inquiry = make_inquiry(Status.SEARCHING)
    candidate = make_candidate(inquiry)
    if verb == "verify":  # a proposal by someone else first
        propose(candidate, user=make_staff("proposer", MATCHING), note="一致")
    user = personas[role]
    kwargs = {"evidence": ["reading"]} if verb == "verify" else {}
    call = lambda: getattr(decide, verb)(candidate, user=user, note="理由", **kwargs)  # noqa: E731
    if role in ALLOWED[verb]:
        call()
        candidate.refresh_from_db()
        expected = {
            "propose": State.PROPOSED,
            "hold": State.ON_HOLD,
            "reject": State.REJECTED,
            "verify": State.CONFIRMED,
        }
        assert candidate.status == expected[verb]
    else:
        before = candidate.status
        with pytest.raises(TransitionNotAllowed, match="権限"):
            call()
        candidate.refresh_from_db()
        assert candidate.status == before
