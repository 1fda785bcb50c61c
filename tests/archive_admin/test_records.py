"""The archive's records in the admin, as archivists and other staff use them."""

from __future__ import annotations

from django.urls import reverse

from .helpers import CHANGELIST


def test_it_lets_a_matching_user_correct_a_record_and_recomputes_the_reading(client, matcher, two_records):
    record, _other = two_records
    before = record.surname_cyr
    client.force_login(matcher)
    url = reverse("admin:archive_archiverecord_change", args=[record.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' in page.text
    assert "資料の記載（原文のまま）" in page.text and "導出（取込時に自動計算・編集不可）" in page.text
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    data.update(
        surname_cyr="Като", given_name_cyr="Киёси", birthplace_cyr="Нагано-кен", document_type="death_list"
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()
    assert record.surname_cyr == "Като"
    assert record.surname_reading.startswith("カト")
    assert record.prefecture == "20"
    assert record.history.first().history_user == matcher
    created = record.history.last()  # its imported state, kept before the first change
    assert (created.history_type, created.surname_cyr) == ("+", before)


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
