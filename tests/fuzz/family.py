"""A family's browser going through the inquiry form with the Django test client, for the fuzz tests."""

from __future__ import annotations

import copy
import secrets

from django.core.cache import cache
from django.db import connection
from django.test import Client
from hypothesis import strategies as st

from audit.models import AuditEntry
from inquiries.forms.summary import inquiry_fields
from inquiries.models import Contact, Document, Inquiry, InquiryEvent, Message, Notification, Relationship
from inquiries.services.submission import INQUIRY_FIELDS
from tests.fuzz.strategies import (
    EMAIL,
    MISSING,
    PHONE,
    POSTAL_CODE,
    TEXT_CHAR,
    name,
    reading,
    text_up_to,
)
from tests.test_family_support import fill_to_confirm

COUNTED = (Inquiry, Document, Notification, InquiryEvent, Message, AuditEntry)
RECEIPT = "/inquiries/new/receipt/"
CHECKBOX = st.sampled_from(["on", MISSING])

# Answers each page takes (the fuzz spoils a few of them).
PAGES = {
    "applicant": {
        "applicant_surname": name(50),
        "applicant_given_name": name(50),
        "applicant_surname_kana": reading(100),
        "applicant_given_name_kana": reading(100),
        "relationship": st.sampled_from(Relationship.values),
        "relationship_other": text_up_to(50),
        "is_proxy": CHECKBOX,
        "postal_code": POSTAL_CODE,
        "address": text_up_to(300, 1),
        "phone": PHONE,
    },
    "relative": {
        "surname_kanji": name(30),
        "given_name_kanji": name(30),
        "surname_kana": reading(60),
        "given_name_kana": reading(60),
        "reading_unknown": CHECKBOX,
        "other_names": text_up_to(200),
        "birth_era": st.sampled_from(["明治", "大正", "昭和", "大正", "昭和", "western", ""]),
        "birth_year": st.sampled_from(["1", "2", "5", "10", "12", "15", "元", "１５"]),
        "birth_month": st.sampled_from(["", "1", "6", "12"]),
        "birth_day": st.sampled_from(["", "1", "15", "28"]),
        "birth_approximate": CHECKBOX,
        "birthplace": st.one_of(st.integers(1, 47).map("{:02d}".format), st.just("")),
        "birthplace_detail": text_up_to(300),
    },
    "internment": {
        "unit": text_up_to(200),
        "rank": text_up_to(50),
        "capture_date": text_up_to(50),
        "capture_place": text_up_to(200),
        "last_known_place": text_up_to(300),
        "family_knowledge": text_up_to(4000)
        | st.lists(TEXT_CHAR | st.just("\r\n"), max_size=200).map("".join),
    },
    "contact": {
        "preferred_contact": st.sampled_from(Contact.values),
        "email": EMAIL | st.just(""),
        "language": st.sampled_from(["ja", "en"]),
    },
}


def counts() -> tuple[int, ...]:
    """How many rows each table of COUNTED has, in one query."""
    tables = [connection.ops.quote_name(model._meta.db_table) for model in COUNTED]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {table})" for table in tables))
        return tuple(cursor.fetchone())


class Family:
    """One browser: the answers of every page entered once through the real views, then put back as a
    new draft before each example (the session as the views left it, under a new draft id)."""

    def __init__(self) -> None:
        self.client = Client()
        fill_to_confirm(self.client)
        self.steps = copy.deepcopy(self.client.session["inquiry_draft"]["steps"])

    def new_draft(self) -> str:
        session = self.client.session
        draft_id = secrets.token_hex(16)
        session["inquiry_draft"] = {"id": draft_id, "steps": copy.deepcopy(self.steps), "files": {}}
        session.pop("inquiry_submitted", None)
        session.save()
        return draft_id

    def draft(self) -> dict:
        return self.client.session.get("inquiry_draft") or {}

    def submit(self, draft_id: str, **extra) -> Inquiry:
        """Confirm a draft whose pages were all taken: the inquiry is filed with what they kept."""
        steps = self.draft()["steps"]
        cache.clear()  # the submission limit counts per address: each example is another family
        response = self.client.post(
            "/inquiries/new/confirm/", {"submission_key": draft_id, "consent": "on", "website": ""}, **extra
        )
        assert response.status_code == 302 and response["Location"] == RECEIPT, response.status_code
        inquiry = Inquiry.objects.get(submission_key=draft_id)
        self.assert_stored(inquiry, steps)
        assert self.client.get(RECEIPT, **extra).status_code == 200
        return inquiry

    @staticmethod
    def assert_stored(inquiry: Inquiry, steps: dict) -> None:
        """Every value the pages kept reads back from the database as it was kept."""
        merged: dict = {}
        for values in steps.values():
            merged.update(values)
        inquiry.refresh_from_db()
        for field, value in inquiry_fields(merged).items():
            if field in INQUIRY_FIELDS:
                assert getattr(inquiry, field) == value, field
