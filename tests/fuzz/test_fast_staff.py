"""The fast layer for the staff forms: generated input given to the intake and correction form classes
and, for the verbs that read the request themselves (asking the family, internal notes, candidate
decisions), to the service as the view hands it on. Each either does what it says and reads back as
kept, or refuses and writes nothing; never an exception but the refusals the views answer."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from inquiries import facts
from inquiries.admin.facts_form import FactsForm
from inquiries.admin.intake import IntakeForm
from inquiries.models import CandidateMatch, Inquiry, Message, Status
from inquiries.roles import MATCHING
from inquiries.services import candidates as decide
from inquiries.services import workflow as verbs
from inquiries.services.facts import correct_facts, correctable_by
from inquiries.services.intake import enter_inquiry
from inquiries.services.submission import INQUIRY_FIELDS
from tests.fuzz.family import PAGES, counts
from tests.fuzz.layer import FAST, LANGUAGES, as_posted, refused_at_the_door, rolled_back
from tests.fuzz.strategies import GARBAGE, MISSING, form, text_up_to
from tests.fuzz.test_staff_forms import INTAKE, NOTE, relative_and_internment, signed_in
from tests.workflow.conftest import make_candidate, make_inquiry, make_staff

pytestmark = pytest.mark.django_db


def staff(role: str):
    signed_in(role)  # the demo users and their groups
    return get_user_model().objects.get(username=role)


def test_fast_the_intake_form_refuses_or_files_one_inquiry_as_entered(form_outcomes):
    user = staff("intake")

    @FAST
    @given(data=form(INTAKE), language=LANGUAGES)
    def intake(data, language):
        values, files = as_posted(data)
        with rolled_back(language):
            before = counts()
            intake_form = IntakeForm(values, files)
            if not intake_form.is_valid():
                assert intake_form.errors and counts() == before
                form_outcomes["refused"] += 1
                return
            inquiry = enter_inquiry(intake_form.cleaned_data, user=user).inquiry
            assert counts()[0] == before[0] + 1
            inquiry = Inquiry.objects.get(pk=inquiry.pk)
            assert inquiry.channel == intake_form.cleaned_data["channel"]
            for name, value in intake_form.cleaned_data.items():
                if name in INQUIRY_FIELDS and name != "channel":
                    assert getattr(inquiry, name) == value, name
            form_outcomes["taken"] += 1

    intake()


def test_fast_the_correction_form_refuses_or_corrects_as_entered(form_outcomes):
    user = staff("intake")
    pk = make_inquiry(Status.SEARCHING).pk
    valid = {
        **relative_and_internment(),
        **{name: PAGES["applicant"][name] for name in ("postal_code", "address", "phone")},
        **PAGES["contact"],
        "reason": text_up_to(300, 1) | GARBAGE,
    }

    @FAST
    @given(data=form(valid), language=LANGUAGES)
    def correct(data, language):
        values, files = as_posted(data)
        with rolled_back(language):
            case = Inquiry.objects.get(pk=pk)
            before, row = counts(), Inquiry.objects.filter(pk=pk).values(*facts.CORRECTABLE).get()
            facts_form = FactsForm(values, files, instance=case, allowed=correctable_by(user))
            refused = not facts_form.is_valid()
            if not refused:
                kept = {name: facts_form.cleaned_data[name] for name in facts_form.facts}
                try:
                    correct_facts(case, kept, user=user, reason=facts_form.cleaned_data["reason"])
                except verbs.TransitionNotAllowed:  # nothing differs: the view shows the form again
                    refused = True
            after = Inquiry.objects.filter(pk=pk).values(*facts.CORRECTABLE).get()
            if refused:
                assert (counts(), after) == (before, row)
                form_outcomes["refused"] += 1
                return
            assert after != row and counts()[3] == before[3] + 1  # one internal note says what and why
            assert all(after[name] == value for name, value in kept.items())
            form_outcomes["taken"] += 1

    correct()


@pytest.mark.parametrize(("role", "verb"), [("intake", "ask"), ("matcher", "note")])
def test_fast_asking_the_family_and_notes_write_what_was_typed_or_nothing(role, verb, form_outcomes):
    user = staff(role)
    pk = make_inquiry(Status.SEARCHING).pk
    call = verbs.ask_family if verb == "ask" else verbs.add_internal_note

    @FAST
    @given(text=st.one_of(NOTE, st.just(MISSING), st.lists(NOTE, min_size=2, max_size=2)), language=LANGUAGES)
    def post(text, language):
        values, _files = as_posted({} if text is MISSING else {"text": text})
        with rolled_back(language):
            case = Inquiry.objects.get(pk=pk)
            before = counts()
            if refused_at_the_door(values):
                form_outcomes["refused"] += 1
                return
            typed = values.get("text", "")  # as the view reads it
            try:
                call(case, user=user, text=typed)
            except verbs.TransitionNotAllowed:
                assert counts() == before and not typed.strip()
                form_outcomes["refused"] += 1
                return
            if verb == "ask":
                assert Message.objects.latest("id").body == typed.strip()
                assert Inquiry.objects.get(pk=pk).status == Status.AWAITING_FAMILY
            else:
                assert case.events.latest("id").note == typed.strip()
            form_outcomes["taken"] += 1

    post()


def test_fast_candidate_decisions_decide_or_change_nothing(form_outcomes):
    matcher, verifier = staff("matcher"), staff("verifier")
    colleague = make_staff("colleague", MATCHING)
    suggested = make_candidate(make_inquiry(Status.SEARCHING)).pk
    proposed = make_candidate(
        make_inquiry(Status.MATCH_PROPOSED), status=CandidateMatch.State.PROPOSED, proposed_by=colleague
    ).pk
    evidence = st.lists(st.sampled_from(sorted(decide.EVIDENCE)) | GARBAGE, max_size=4)

    @FAST
    @given(
        which=st.booleans(),
        verb=st.sampled_from(["propose", "verify", "reject", "hold"]),
        note=NOTE | st.lists(NOTE, min_size=2, max_size=2),
        evidence=evidence,
        language=LANGUAGES,
    )
    def decide_(which, verb, note, evidence, language):
        values, _files = as_posted({"note": note, "evidence": evidence})
        with rolled_back(language):
            candidate = CandidateMatch.objects.get(pk=proposed if which else suggested)
            state, before = candidate.status, counts()
            if refused_at_the_door(values):
                form_outcomes["refused"] += 1
                return
            user, typed = (verifier if which else matcher), values.get("note", "")  # as the view reads them
            try:
                if verb == "verify":
                    decide.verify(candidate, user=user, note=typed, evidence=values.getlist("evidence"))
                else:
                    getattr(decide, verb)(candidate, user=user, note=typed)
            except verbs.TransitionNotAllowed:
                candidate.refresh_from_db()
                assert candidate.status == state and counts() == before
                form_outcomes["refused"] += 1
                return
            candidate.refresh_from_db()
            assert candidate.status != state and typed.strip() in candidate.note
            form_outcomes["taken"] += 1

    decide_()
