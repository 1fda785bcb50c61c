"""The case page: candidates side by side, moves as POST forms, four eyes, family and internal notes."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from audit.trail import entries_for
from inquiries.models import CandidateMatch, Direction, Document, Inquiry, Status
from tests.workflow.conftest import make_candidate, make_inquiry


def page_of(inquiry):
    return reverse("admin:inquiries_inquiry_change", args=[inquiry.pk])


def decide(candidate, verb):
    return reverse("admin:inquiries_candidate_decide", args=[candidate.pk, verb])


def test_it_shows_candidates_beside_the_inquiry_with_reasons_and_era_dates(client, matcher):
    candidate = make_candidate(make_inquiry(Status.SEARCHING))
    client.force_login(matcher)
    page = client.get(page_of(candidate.inquiry)).content.decode()
    assert "Сато Синъити" in page and "サトウ シンイチ" in page
    assert "1921年（大正10年）" in page
    assert "姓の読みが一致（サトウ）" in page and "0.91" in page
    assert "タイシェト第2墓地" in page and "1946年2月11日（昭和21年2月11日）" in page
    assert "照合案にする" in page


def test_in_english_it_gives_reasons_dates_and_places_in_english(client, matcher, settings):
    fields = {
        "surname": {"score": 1.0, "ours": "サトウ", "theirs": "サトウ"},
        "given": {"score": 0.9, "ours": "シンイチ", "theirs": "シンイチ"},
        "birth_year": {"score": 1.0, "ours": 1921, "theirs": 1921},
        "prefecture": {"score": 1.0, "ours": "15", "theirs": "15"},
        "unit": {"score": 0.0, "ours": "", "theirs": ""},
    }
    explanation = {"fields": fields, "swapped": False, "contradictions": [], "cards": ["A-1", "A-2"]}
    candidate = make_candidate(make_inquiry(Status.SEARCHING, birthplace="15"), explanation=explanation)
    client.force_login(matcher)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(page_of(candidate.inquiry)).content.decode()
    assert "1921 (Taishō 10)" in page and "1946-02-11 (Shōwa 21)" in page
    assert "Birth year: same (1921)" in page and "Birthplace: same (Niigata)" in page
    assert "Other cards that appear to be the same person: 1" in page
    assert '<div class="readonly">Niigata</div>' in page  # the facts name the place, not its code
    assert "大正" not in page and "昭和" not in page


def test_it_offers_only_the_moves_the_user_may_make(client, intake, matcher):
    case = make_inquiry(Status.RECEIVED)
    client.force_login(intake)
    assert "「確認中」にする" in client.get(page_of(case)).content.decode()
    client.force_login(matcher)
    page = client.get(page_of(case)).content.decode()
    assert "「確認中」にする" not in page and "行える状況の変更はありません" in page


def test_it_moves_a_case_from_its_page_and_says_why_not_when_refused(client, intake, matcher):
    case = make_inquiry(Status.RECEIVED)
    move = reverse("admin:inquiries_inquiry_move", args=[case.pk])
    client.force_login(matcher)
    page = client.post(move, {"to_status": "triage"}, follow=True).content.decode()
    assert "権限がありません" in page
    client.force_login(intake)
    page = client.post(move, {"to_status": "triage"}, follow=True).content.decode()
    assert "状況を変更しました" in page
    case.refresh_from_db()
    assert case.status == Status.TRIAGE
    assert client.get(move).status_code == 403  # a GET never changes anything


def test_it_lets_a_second_person_verify_but_not_the_proposer(client, matcher, verifier, second_verifier):
    from django.contrib.auth.models import Group

    verifier.groups.add(Group.objects.get(name="照合担当"))
    candidate = make_candidate(make_inquiry(Status.SEARCHING))
    client.force_login(verifier)
    client.post(decide(candidate, "propose"), {"note": "読み・生年が一致"})
    candidate.refresh_from_db()
    assert candidate.status == CandidateMatch.State.PROPOSED
    page = client.get(page_of(candidate.inquiry)).content.decode()
    assert "本人と確認する" not in page and "別の確認者が確認します" in page
    page = client.post(
        decide(candidate, "verify"), {"note": "確認", "evidence": ["reading"]}, follow=True
    ).content.decode()
    assert "照合案を出した本人は確認できません" in page

    client.force_login(second_verifier)
    assert "本人と確認する" in client.get(page_of(candidate.inquiry)).content.decode()
    page = client.post(decide(candidate, "verify"), {"note": "原票で確認"}, follow=True).content.decode()
    assert "少なくとも一つ" in page
    page = client.post(
        decide(candidate, "verify"),
        {"note": "原票で確認", "evidence": ["reading", "birth_year"]},
        follow=True,
    ).content.decode()
    assert "本人と確認しました" in page
    candidate.inquiry.refresh_from_db()
    assert candidate.inquiry.status == Status.IDENTIFIED


def test_it_asks_the_family_and_keeps_internal_notes_apart(client, intake):
    case = make_inquiry(Status.SEARCHING)
    client.force_login(intake)
    client.post(
        reverse("admin:inquiries_inquiry_ask", args=[case.pk]), {"text": "部隊名が分かる手紙はありますか。"}
    )
    client.post(reverse("admin:inquiries_inquiry_note", args=[case.pk]), {"text": "電話で長男と話した"})
    case.refresh_from_db()
    assert case.status == Status.AWAITING_FAMILY
    message = case.messages.get()
    assert message.direction == Direction.TO_FAMILY and message.author == intake
    note = case.events.get(note="電話で長男と話した")
    assert note.visible_to_family is False and note.from_status == note.to_status
    page = client.get(page_of(case)).content.decode()
    assert page.index("電話で長男と話した") > page.index('id="internal-notes"')


def test_it_links_inquiries_about_the_same_person(client, intake):
    case, other = make_inquiry(), make_inquiry()
    client.force_login(intake)
    client.post(reverse("admin:inquiries_inquiry_link", args=[case.pk]), {"reference": other.reference})
    assert list(other.related.all()) == [case]
    assert other.reference in client.get(page_of(case)).content.decode()


@pytest.fixture
def document(db):
    data = b"%PDF-1.4 koseki"
    doc = Document(
        inquiry=make_inquiry(), kind="koseki", original_name="戸籍謄本.pdf", content_type="application/pdf",
        size=len(data), sha256=hashlib.sha256(data).hexdigest(),
    )  # fmt: skip
    doc.file.save("koseki.pdf", ContentFile(data), save=True)
    yield doc
    doc.file.delete(save=False)


def test_it_sends_anonymous_visitors_to_the_login_page_for_a_document(client, document):
    response = client.get(reverse("admin:inquiries_document", args=[document.pk]))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_it_refuses_documents_to_staff_without_permission(client, outsider, document):
    client.force_login(outsider)
    assert client.get(reverse("admin:inquiries_document", args=[document.pk])).status_code == 403


def test_it_serves_a_document_as_a_download_to_permitted_staff(client, intake, document):
    client.force_login(intake)
    response = client.get(reverse("admin:inquiries_document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 koseki"


def test_it_lets_intake_enter_an_inquiry_that_came_by_telephone(client, intake):
    client.force_login(intake)
    data = {
        "channel": "phone", "applicant_surname": "山田", "applicant_given_name": "一郎",
        "applicant_surname_kana": "やまだ", "applicant_given_name_kana": "イチロウ", "applicant_birth_year": "1940",
        "relationship": "child", "postal_code": "９５００００１", "address": "新潟市中央区1-1",
        "phone": "０２５１２３４５６７", "preferred_contact": "phone", "consent": "on",
        "surname_kanji": "山田", "given_name_kanji": "太郎", "surname_kana": "ヤマダ", "given_name_kana": "タロウ",
        "birth_year": "1920", "birthplace": "15",
    }  # fmt: skip
    response = client.post(reverse("admin:inquiries_inquiry_add"), data, follow=True)
    assert response.status_code == 200, response.content.decode()[:2000]
    inquiry = Inquiry.objects.get(surname_kanji="山田")
    assert inquiry.channel == "phone" and inquiry.status == Status.RECEIVED
    assert inquiry.postal_code == "950-0001" and inquiry.applicant_surname_kana == "ヤマダ"
    assert "状況確認用リンク" in response.content.decode()
    (entry,) = entries_for(inquiry)  # filed by phone in one step: the history names who entered it
    assert (entry.action, entry.actor, entry.changes["channel"]) == ("created", intake, [None, "phone"])
    assert inquiry.notifications.get().channel == "phone"  # the receipt is a call to make


def test_it_says_in_words_what_is_wrong_with_a_telephone_entry(client, intake):
    client.force_login(intake)
    response = client.post(reverse("admin:inquiries_inquiry_add"), {"channel": "phone", "postal_code": "12"})
    assert "郵便番号は7けたの数字で入力してください" in response.content.decode()
    assert not Inquiry.objects.exists()
