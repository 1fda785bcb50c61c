"""Correcting a case's facts: a family telephones with the right birth year, a letter comes back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.trail import entries_for
from inquiries.models import InquiryEvent, Status
from tests.workflow.conftest import make_inquiry

pytestmark = pytest.mark.django_db


def page_of(inquiry):
    return reverse("admin:inquiries_inquiry_facts", args=[inquiry.pk])


def as_posted(inquiry, **changes) -> dict:
    """The correction form as it comes back with the case's values, and these changed."""
    data = {
        name: "" if getattr(inquiry, name) is None else getattr(inquiry, name)
        for name in ("surname_kanji", "given_name_kanji", "surname_kana", "given_name_kana", "other_names",
                     "birth_year", "birth_month", "birth_day", "birthplace", "birthplace_detail", "unit", "rank",
                     "capture_date", "capture_place", "last_known_place", "family_knowledge", "postal_code",
                     "address", "phone", "email", "preferred_contact", "language")
    }  # fmt: skip
    data.update({"reason": "ご家族から電話で訂正がありました。", **changes})
    return {key: value for key, value in data.items() if value is not False}


def test_staff_correct_the_birth_year_and_the_case_keeps_what_it_was_and_why(
    client, intake, django_capture_on_commit_callbacks
):
    case = make_inquiry(Status.SEARCHING)
    client.force_login(intake)
    assert (
        "照会の内容を訂正する"
        in client.get(reverse("admin:inquiries_inquiry_change", args=[case.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(page_of(case), as_posted(case, birth_year="1919", surname_kana="さとう"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.birth_year, case.surname_kana) == (1919, "サトウ")
    note = InquiryEvent.objects.filter(inquiry=case).latest("id")
    assert not note.visible_to_family and note.actor == intake
    assert note.note == "照会の内容を訂正しました（生年）。理由: ご家族から電話で訂正がありました。"
    change = entries_for(case).latest("id")
    assert change.changes["birth_year"] == [1921, 1919] and change.actor == intake
    assert any(getattr(c, "args", None) and c.args[1] == case.pk for c in callbacks)  # matched again
    page = client.get(reverse("admin:inquiries_inquiry_change", args=[case.pk])).content.decode()
    assert "照会の内容を訂正しました（生年）" in page


def test_a_new_address_is_corrected_without_matching_again(
    client, intake, django_capture_on_commit_callbacks
):
    case = make_inquiry(Status.ANSWERED)
    client.force_login(intake)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            page_of(case), as_posted(case, address="東京都千代田区1-1", postal_code="1000001")
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.address, case.postal_code) == ("東京都千代田区1-1", "100-0001")
    assert not any(getattr(c, "args", None) for c in callbacks)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"birth_year": "1700"}, "生年は1868年から"),
        ({"birth_month": "2", "birth_day": "30"}, "その月日は暦にありません"),
        ({"birth_month": "2147483648"}, "その月日は暦にありません"),  # past any C integer: was a 500
        ({"surname_kana": "sato"}, "カタカナ"),
        ({"reason": ""}, "訂正の理由を書いてください。"),
        ({"preferred_contact": "email", "email": ""}, "メールアドレスが必要です"),
        ({}, "訂正された項目がありません。"),
    ],
)
def test_a_correction_that_cannot_be_is_refused_in_words_and_changes_nothing(
    client, intake, changes, message
):
    case = make_inquiry(Status.SEARCHING)
    client.force_login(intake)
    response = client.post(page_of(case), as_posted(case, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    before = entries_for(case).count()
    case.refresh_from_db()
    assert case.birth_year == 1921 and case.surname_kana == "サトウ" and entries_for(case).count() == before


def test_only_intake_and_matching_staff_may_correct(client, verifier):
    case = make_inquiry(Status.SEARCHING)
    client.force_login(verifier)
    assert (
        "照会の内容を訂正する"
        not in client.get(reverse("admin:inquiries_inquiry_change", args=[case.pk])).content.decode()
    )
    assert client.get(page_of(case)).status_code == 403
    assert client.post(page_of(case), as_posted(case, birth_year="1919")).status_code == 403
    case.refresh_from_db()
    assert case.birth_year == 1921


def test_the_service_corrects_facts_and_nothing_else(intake):
    from inquiries.services.facts import correct_facts

    case = make_inquiry(Status.SEARCHING)
    with pytest.raises(ValueError, match="status"):
        correct_facts(case, {"status": Status.ANSWERED}, user=intake, reason="誤り")
    case.refresh_from_db()
    assert case.status == Status.SEARCHING
