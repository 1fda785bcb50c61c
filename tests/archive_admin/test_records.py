"""The archive's records in the admin, as archivists and other staff use them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from archive.models import ArchiveRecord
from archive.services import edit_record
from audit.trail import entries_for

from .helpers import CHANGELIST


def _form_data(page) -> dict:
    return {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}


def test_it_lets_a_matching_user_correct_a_record_and_recomputes_the_reading(client, matcher, two_records):
    record, _other = two_records
    client.force_login(matcher)
    url = reverse("admin:archive_archiverecord_change", args=[record.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' in page.text and 'name="reason"' in page.text
    assert "資料の記載（原文のまま）" in page.text and "導出（取込時に自動計算・編集不可）" in page.text
    data = _form_data(page)
    data.update(
        surname_cyr="Като", given_name_cyr="Киёси", birthplace_cyr="Нагано-кен", document_type="death_list",
        reason="原本の写しと照合",
    )  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()
    assert record.surname_cyr == "Като"
    assert record.surname_reading.startswith("カト")
    assert record.prefecture == "20"
    (entry,) = entries_for(record)
    assert (entry.actor, entry.reason, entry.action) == (matcher, "原本の写しと照合", "changed")
    assert entry.changes["surname_cyr"] == ["Сато", "Като"]
    assert entry.changes["prefecture"] == ["15", "20"]
    assert entry.changes["surname_reading"][1] == record.surname_reading
    assert "imported_at" not in entry.changes and "batch_id" not in entry.changes


def test_it_refuses_a_change_without_a_reason(client, matcher, two_records):
    record, _other = two_records
    client.force_login(matcher)
    url = reverse("admin:archive_archiverecord_change", args=[record.pk])
    data = _form_data(client.get(url))
    data.update(grave_no="12")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "reason" in response.context["adminform"].form.errors
    record.refresh_from_db()
    assert record.grave_no == "" and not entries_for(record).exists()


def test_it_audits_a_record_added_by_hand(client, matcher, two_records):
    client.force_login(matcher)
    response = client.post(
        reverse("admin:archive_archiverecord_add"),
        {"source_id": "T-9", "document_type": "death_list", "surname_cyr": "Като", "given_name_cyr": "Исаму",
         "reason": "寄贈資料から入力"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = ArchiveRecord.objects.get(source_id="T-9")
    assert record.surname_reading.startswith("カト")
    (entry,) = entries_for(record)
    assert (entry.action, entry.actor, entry.reason) == ("created", matcher, "寄贈資料から入力")
    assert entry.changes["surname_cyr"] == [None, "Като"]


def test_it_shows_a_records_audit_entries_on_its_history_page_to_every_role_that_may_view_it(
    client, matcher, intake, two_records
):
    record, _other = two_records
    edit_record(record, {"grave_no": "12"}, user=matcher, reason="墓地台帳で確認")
    url = reverse("admin:archive_archiverecord_history", args=[record.pk])
    for user in (intake, matcher):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200
        assert "墓地台帳で確認" in page.text and "grave_no: — → 12" in page.text and "matcher" in page.text
        assert "<form" not in page.text.split('id="content-main"')[1]  # nothing to submit there
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_it_has_no_revert_page_for_any_role(client, matcher, intake, two_records):
    """The old revert form let read-only roles change the evidence; no old state can be restored."""
    record, _other = two_records
    edit_record(record, {"grave_no": "12"}, user=matcher, reason="墓地台帳で確認")
    (entry,) = entries_for(record)
    for user in (intake, matcher):
        client.force_login(user)
        url = f"/admin/archive/archiverecord/{record.pk}/history/{entry.pk}/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"grave_no": "99", "reason": "x"}).status_code == 404
    record.refresh_from_db()
    assert record.grave_no == "12" and entries_for(record).count() == 1


def test_it_lets_only_a_role_that_may_edit_change_a_record_and_never_without_a_reason(
    intake, matcher, two_records
):
    record, _other = two_records
    with pytest.raises(PermissionDenied):
        edit_record(record, {"grave_no": "12"}, user=intake, reason="理由")
    with pytest.raises(ValidationError):
        edit_record(record, {"grave_no": "12"}, user=matcher, reason="  ")
    with pytest.raises(ValueError):
        edit_record(
            record, {"surname_reading": "ウソ"}, user=matcher, reason="理由"
        )  # derived, never by hand
    record.refresh_from_db()
    assert record.grave_no == "" and not entries_for(record).exists()


def test_it_shows_other_staff_a_read_only_record_and_refuses_their_changes(client, intake, two_records):
    record, _other = two_records
    client.force_login(intake)
    url = reverse("admin:archive_archiverecord_change", args=[record.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Сато" in page.text
    assert 'name="_save"' not in page.text
    response = client.post(url, {"surname_cyr": "Като", "source_id": record.source_id})
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.surname_cyr == "Сато"


def test_it_searches_the_changelist_in_any_script(client, intake, two_records):
    client.force_login(intake)
    for query in ("サトウ", "ｻﾄｳ", "Sato", "Сато", "T-1"):
        page = client.get(reverse(CHANGELIST), {"q": query})
        assert page.status_code == 200
        assert "T-1" in page.text and "T-2" not in page.text, query
    page = client.get(reverse(CHANGELIST), {"q": "T-1"})
    assert "新潟" in page.text, "the prefecture is shown by its kanji name"


def test_it_filters_by_region_document_type_and_death(client, matcher, two_records):
    client.force_login(matcher)

    def listed(**params) -> set[str]:
        page = client.get(reverse(CHANGELIST), params)
        return {r.source_id for r in page.context["cl"].result_list}

    assert listed(region="Иркутская область") == {"T-1"}
    assert listed(document_type__exact="registration_card") == {"T-2"}
    assert listed(death="yes") == {"T-1"}
    assert listed(death="no") == {"T-2"}
    assert "Хабаровский край" in client.get(reverse(CHANGELIST)).text


def test_it_lists_fifty_records_in_a_fixed_number_of_queries(
    client, matcher, records, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(matcher)
    # session, user, 2 x permissions, regions, camps, count, the page of records (camp joined)
    with django_assert_num_queries(8):
        page = client.get(reverse(CHANGELIST))
    assert len(page.context["cl"].result_list) == 50
    first = records.exclude(surname_cyr="").exclude(given_name_cyr="").first()
    assert first.source_id in page.text
    with django_assert_max_num_queries(16):  # + key and prefix look-ups for each word, both orders
        page = client.get(reverse(CHANGELIST), {"q": f"{first.surname_cyr} {first.given_name_cyr}"})
    assert first.source_id in {r.source_id for r in page.context["cl"].result_list}


def test_it_keeps_a_deleted_records_trail_with_who_deleted_it(admin_client, admin_user, matcher, two_records):
    record, _other = two_records
    edit_record(record, {"grave_no": "12"}, user=matcher, reason="墓地台帳で確認")
    url = reverse("admin:archive_archiverecord_delete", args=[record.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not ArchiveRecord.objects.filter(pk=record.pk).exists()
    deleted, changed = entries_for(record)
    assert (deleted.action, deleted.actor, changed.action) == ("deleted", admin_user, "changed")
