"""The facts of an inquiry, listed once (inquiries.facts): every page that shows or asks them has them all."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from inquiries import facts
from inquiries.forms.steps import STEPS
from inquiries.forms.summary import summary
from inquiries.models import Inquiry, Status
from tests.workflow.conftest import make_inquiry

ALL_FACTS = [name for group in facts.GROUPS for name in group.fields]
STAFF_ONLY = {"applicant_birth_year"}  # asked by staff on the telephone, not on the family's pages
TEXT_FACTS = [
    name
    for name in ALL_FACTS
    if Inquiry._meta.get_field(name).get_internal_type() in ("CharField", "TextField")
    and not Inquiry._meta.get_field(name).choices
    and name != "birthplace"  # a prefecture's code, shown as its name
]
MARKED = {name: f"〔{n}〕" for n, name in enumerate(TEXT_FACTS)}  # short: a postal code has 8 characters


def test_it_lists_each_fact_once_and_only_fields_of_an_inquiry():
    assert len(ALL_FACTS) == len(set(ALL_FACTS))
    for name in ALL_FACTS + list(facts.MATCHED):
        Inquiry._meta.get_field(name)
    assert set(facts.MATCHED) <= set(ALL_FACTS) and set(facts.CORRECTABLE) <= set(ALL_FACTS)


def test_the_family_pages_ask_every_fact_but_the_staff_only_ones():
    asked = [name for _slug, _title, form in STEPS if form for name in form.base_fields]
    facts_asked = [name for name in asked if name in ALL_FACTS]
    assert len(facts_asked) == len(set(facts_asked))
    assert set(facts_asked) == set(ALL_FACTS) - STAFF_ONLY


def test_the_confirmation_page_shows_every_fact_the_family_typed():
    data = {**MARKED, "relationship": "other"}
    shown = "\n".join(f"{label} {value}" for _slug, _title, rows in summary(data) for label, value in rows)
    assert [name for name in TEXT_FACTS if MARKED[name] not in shown and name not in STAFF_ONLY] == []


@pytest.mark.django_db
def test_the_case_page_shows_every_fact(client, intake):
    case = make_inquiry(Status.SEARCHING, **MARKED)
    client.force_login(intake)
    page = client.get(reverse("admin:inquiries_inquiry_change", args=[case.pk])).content.decode()
    assert [name for name in TEXT_FACTS if MARKED[name] not in page] == []
    headings = re.findall(r'class="fieldset-heading">([^<]+)<', page)
    assert headings[1:] == [str(group.title) for group in facts.GROUPS]  # after the case's own
