"""Disclosure (APPI): everything held about one applicant as one zip, from the case page, audited."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest

from audit import trail
from audit.models import AuditEntry
from inquiries.models import Document
from inquiries.services.disclosure import DisclosureRefused, export, find_applicant_cases
from tests.appi.factories import APPLICANT, applicant_cases
from tests.workflow.conftest import make_candidate

pytestmark = pytest.mark.django_db


def unzip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_it_finds_the_applicants_cases_by_email_phone_or_name(private):
    first, second = applicant_cases(cases=2, documents=0, messages=0)
    (by_phone,) = applicant_cases(
        documents=0, messages=0, applicant_surname="別人", email="other@example.jp", phone="0312345678"
    )
    (stranger,) = applicant_cases(
        documents=0, messages=0, applicant_surname="別人", email="x@example.jp", phone="06-9999-0000"
    )
    found = {m.inquiry.pk: m.reasons for m in find_applicant_cases(first)}
    assert found[first.pk] == ("email", "phone", "name")
    assert found[second.pk] == ("email", "phone", "name")
    assert found[by_phone.pk] == ("phone",)  # written without hyphens, still the same number
    assert stranger.pk not in found
    assert find_applicant_cases(first)[0].inquiry == first


def test_the_archive_holds_every_case_file_message_notification_and_audit_entry(private, demo):
    intake = demo["intake"]
    cases = applicant_cases(cases=2, documents=3, messages=4, audit_entries=5, actor=intake)
    candidate = make_candidate(cases[1], note="読みと生年が一致")
    trail.write(candidate, AuditEntry.Action.CHANGED, {"status": ["suggested", "proposed"]}, intake)
    handle, name = export(cases, user=intake, reason="2026-12-01 郵便で請求")
    archive = unzip(handle.read())
    assert name.startswith(f"disclosure-{cases[0].reference}-") and name.endswith(".zip")
    readme = archive.read("README.txt").decode("utf-8-sig")
    assert "開示請求への回答" in readme and "山本 幸子 様" in readme and cases[1].reference in readme
    data = json.loads(archive.read("data.json"))
    assert [c["inquiry"]["reference"] for c in data["inquiries"]] == [c.reference for c in cases]
    first = data["inquiries"][0]
    assert first["inquiry"]["email"] == APPLICANT["email"] and first["inquiry"]["phone"] == APPLICANT["phone"]
    assert "tracking_token_hash" not in first["inquiry"]
    assert sum(len(c["messages"]) for c in data["inquiries"]) == 4
    assert "山本です。父のことで0回目のご連絡です。" in [m["body"] for m in first["messages"]]
    assert first["notifications"][0]["recipient"] == APPLICANT["email"]  # the receipt e-mail
    assert first["events"][0]["to_status"] == "received"
    viewed = [a for a in data["audit"] if a["action"] == "閲覧"]
    created = [a for a in data["audit"] if a["action"] == "作成"]
    assert len(viewed) == 5 and len(created) == 2 and viewed[0]["by"] == "intake"
    assert data["inquiries"][1]["candidates"][0]["note"] == "読みと生年が一致"
    assert any(a["what"] == f"candidatematch {candidate.pk}" for a in data["audit"])
    for document in Document.objects.filter(inquiry__in=cases):
        listed = next(d for c in data["inquiries"] for d in c["documents"] if d["id"] == document.pk)
        assert archive.read(listed["file_in_this_archive"]) == document.file.read()
        assert listed["original_name"] == document.original_name
    exported = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORTED)
    assert sorted(int(e.object_id) for e in exported) == sorted(c.pk for c in cases)
    assert {e.actor for e in exported} == {intake}
    assert exported.first().changes["disclosure"] == [c.reference for c in cases]


def test_it_refuses_staff_the_policy_does_not_allow(private, demo):
    cases = applicant_cases(documents=0, messages=0)
    with pytest.raises(DisclosureRefused):
        export(cases, user=demo["matcher"])
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORTED).exists()


def test_intake_exports_from_the_case_page(client, private, demo):
    first, second = applicant_cases(cases=2, documents=1, messages=1)
    (stranger,) = applicant_cases(
        documents=0, messages=0, applicant_surname="別人", email="x@x.jp", phone="06-9999-0000"
    )
    client.force_login(demo["intake"])
    page = client.get(f"/admin/inquiries/inquiry/{first.pk}/change/").content.decode()
    assert f'href="/admin/inquiries/inquiry/{first.pk}/disclose/"' in page
    html = client.get(f"/admin/inquiries/inquiry/{first.pk}/disclose/").content.decode()
    assert first.reference in html and second.reference in html and stranger.reference not in html
    assert "メールアドレス、電話番号、氏名" in html
    response = client.post(
        f"/admin/inquiries/inquiry/{first.pk}/disclose/", {"inquiry": [first.pk, second.pk, stranger.pk]}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
    data = json.loads(unzip(b"".join(response.streaming_content)).read("data.json"))
    assert [c["inquiry"]["reference"] for c in data["inquiries"]] == [first.reference, second.reference]
    refused = client.post(f"/admin/inquiries/inquiry/{first.pk}/disclose/", {})
    assert refused.status_code == 400 and "書き出す照会を一つ以上選んでください。" in refused.content.decode()


def test_the_matcher_sees_no_export_link(client, private, demo):
    (case,) = applicant_cases(documents=0, messages=0)
    client.force_login(demo["matcher"])
    page = client.get(f"/admin/inquiries/inquiry/{case.pk}/change/").content.decode()
    assert "/disclose/" not in page
    assert client.get(f"/admin/inquiries/inquiry/{case.pk}/disclose/").status_code == 403


def test_a_realistic_applicant_is_exported_within_five_seconds(private, demo):
    cases = applicant_cases(
        cases=3, documents=10, size=1024 * 1024, messages=50, audit_entries=200, actor=demo["intake"]
    )
    started = time.perf_counter()
    handle, _name = export(cases, user=demo["manager"])
    elapsed = time.perf_counter() - started
    archive = unzip(handle.read())
    assert len([n for n in archive.namelist() if n.startswith("documents/")]) == 10
    assert elapsed < 5, f"{elapsed:.2f} s"
