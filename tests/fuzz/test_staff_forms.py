"""Generated input in the staff forms, posted through the admin as the demo role that uses each: intake
of a postal or telephone inquiry, correcting a case's facts, asking the family, internal notes and
decisions on candidates. Each either does what it says or changes nothing; never a 500 or an exception."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from devdata.management.commands.load_demo_data import Command as LoadDemoData
from inquiries import facts
from inquiries.models import CandidateMatch, Inquiry, Message, Status
from inquiries.roles import MATCHING, sync_role_groups
from inquiries.services.candidates import EVIDENCE
from tests.fuzz.family import PAGES, counts
from tests.fuzz.strategies import FUZZ, GARBAGE, LANGUAGE, MISSING, form, text_up_to
from tests.workflow.conftest import make_candidate, make_inquiry, make_staff

pytestmark = pytest.mark.django_db
CASE = "/admin/inquiries/inquiry/"
YEAR = st.one_of(st.integers(1868, 2030).map(str), st.just(""))
NOTE = text_up_to(2000) | GARBAGE


def signed_in(role: str) -> Client:
    sync_role_groups()
    LoadDemoData().create_demo_users()
    client = Client()
    client.force_login(get_user_model().objects.get(username=role))
    return client


def relative_and_internment() -> dict:
    fields = {**PAGES["relative"], **PAGES["internment"]}
    for name in ("birth_era", "birth_year"):
        fields.pop(name)
    return {**fields, "birth_year": YEAR, "birth_month": st.sampled_from(["", "1", "12", "13"]),
            "birth_day": st.sampled_from(["", "1", "31"]), "reading_unknown": st.sampled_from(["on", MISSING])}  # fmt: skip


INTAKE = {
    **{name: PAGES["applicant"][name] for name in PAGES["applicant"]},
    **relative_and_internment(),
    "applicant_birth_year": YEAR,
    "channel": st.sampled_from(["post", "phone"]),
    "email": PAGES["contact"]["email"],
    "preferred_contact": PAGES["contact"]["preferred_contact"],
    "consent": st.sampled_from(["on", MISSING]),
}


def test_staff_intake_files_one_inquiry_or_none_and_never_fails(outcomes):
    client = signed_in("intake")

    @FUZZ
    @given(data=form(INTAKE), language=LANGUAGE)
    def intake(data, language):
        before = counts()
        response = client.post(CASE + "add/", {**data, "_save": "保存"}, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in (200, 302, 400)
        if response.status_code == 302:
            assert counts()[0] == before[0] + 1
            assert Inquiry.objects.latest("id").channel in ("post", "phone")
            outcomes["taken"] += 1
        else:
            assert counts() == before
            outcomes["refused"] += 1

    intake()


def test_the_correction_form_corrects_or_changes_nothing_and_never_fails(outcomes):
    client = signed_in("intake")  # intake corrects the relative's facts and the contact details
    case = make_inquiry(Status.SEARCHING)
    valid = {
        **relative_and_internment(),
        **{name: PAGES["applicant"][name] for name in ("postal_code", "address", "phone")},
        **PAGES["contact"],
        "reason": text_up_to(300, 1) | GARBAGE,
    }

    @FUZZ
    @given(data=form(valid), language=LANGUAGE)
    def correct(data, language):
        before, row = counts(), Inquiry.objects.filter(pk=case.pk).values(*facts.CORRECTABLE).get()
        response = client.post(f"{CASE}{case.pk}/facts/", data, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in (302, 400)
        after = Inquiry.objects.filter(pk=case.pk).values(*facts.CORRECTABLE).get()
        if response.status_code == 400:
            assert (counts(), after) == (before, row)
            outcomes["refused"] += 1
        else:
            assert after != row and counts()[3] == before[3] + 1  # one internal note says what and why
            outcomes["taken"] += 1

    correct()


@pytest.mark.parametrize(("role", "verb"), [("intake", "ask"), ("matcher", "note")])
def test_asking_the_family_and_notes_write_what_was_typed_or_nothing(role, verb, outcomes):
    client = signed_in(role)
    case = make_inquiry(Status.SEARCHING)

    @FUZZ
    @given(text=st.one_of(NOTE, st.just(MISSING), st.lists(NOTE, min_size=2, max_size=2)), language=LANGUAGE)
    def post(text, language):
        Inquiry.objects.filter(pk=case.pk).update(status=Status.SEARCHING)  # a question can be asked again
        before = counts()
        data = {} if text is MISSING else {"text": text}
        response = client.post(f"{CASE}{case.pk}/{verb}/", data, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in (302, 400)
        sent = text[-1] if isinstance(text, list) else text
        if response.status_code == 400 or sent is MISSING or not sent.strip():
            assert counts() == before
            outcomes["refused"] += 1
            return
        if verb == "ask":
            assert Message.objects.latest("id").body == sent.strip()
        else:
            assert case.events.latest("id").note == sent.strip()
        outcomes["taken"] += 1

    post()


def test_candidate_decisions_decide_or_change_nothing_and_never_fail(outcomes):
    matcher, verifier = signed_in("matcher"), signed_in("verifier")
    colleague = make_staff("colleague", MATCHING)
    verbs = st.sampled_from(["propose", "verify", "reject", "hold"]) | st.text(min_size=1, max_size=8).filter(
        lambda v: (
            "/" not in v
            and v.strip(".")
            and "\x00" not in v
            and "?" not in v
            and "#" not in v
            and "%" not in v
        )
    )
    evidence = st.lists(st.sampled_from(sorted(EVIDENCE)) | GARBAGE, max_size=4)

    @FUZZ
    @given(proposed=st.booleans(), verb=verbs, note=NOTE, evidence=evidence, language=LANGUAGE)
    def decide(proposed, verb, note, evidence, language):
        case = make_inquiry(Status.MATCH_PROPOSED if proposed else Status.SEARCHING)
        state = CandidateMatch.State.PROPOSED if proposed else CandidateMatch.State.SUGGESTED
        candidate = make_candidate(case, status=state, proposed_by=colleague if proposed else None)
        before = counts()
        client = verifier if proposed else matcher
        response = client.post(
            f"{CASE}candidate/{candidate.pk}/{verb}/",
            {"note": note, "evidence": evidence},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert response.status_code in (302, 400, 403, 404)
        candidate.refresh_from_db()
        if candidate.status == state:
            assert counts() == before
            outcomes["refused"] += 1
        else:
            assert response.status_code == 302 and verb in ("propose", "verify", "reject", "hold")
            assert note.strip() in candidate.note
            outcomes["taken"] += 1

    decide()
