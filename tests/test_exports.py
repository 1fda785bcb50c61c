"""Administrators' exports of the queue (cases, statistics) and the page answering whose cases an
account opened: signed in as the demo administrator (manager), each export audited and formula-safe."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from audit import trail
from audit.models import AuditEntry
from audit.queries import opened_by
from inquiries.models import CandidateMatch, Inquiry, Status
from tests.permissions.world import build_world
from tests.workflow.conftest import make_inquiry

pytestmark = pytest.mark.django_db
LINK = '=HYPERLINK("http://ev.il")'  # fits a surname (30 characters)


@pytest.fixture
def world(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return build_world()


def download(client, url) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def exported(user) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.EXPORTED))


def test_the_manager_exports_the_queue_as_filtered_without_contact_details(client, world):
    make_inquiry(Status.SEARCHING, surname_kanji=LINK, phone="090-1111-2222")
    make_inquiry(Status.RECEIVED, phone="090-3333-4444")
    client.force_login(world.users["manager"])

    rows = download(client, reverse("admin:inquiries_inquiry_export") + "?status=searching")

    header, data = rows[0], rows[1:]
    assert header[:6] == ["受付番号", "状況", "受付経路", "受付日時", "最終の状況変更", "担当者"]
    assert "電話番号" not in header and "住所" not in header
    searching = Inquiry.objects.filter(status=Status.SEARCHING).order_by("created_at", "id")
    assert [r[0] for r in data] == [case.reference for case in searching]
    assert {r[1] for r in data} == {"調査中"}
    assert any(r[6].startswith("'=HYPERLINK(") for r in data)  # opened as text, not run
    text = "".join(",".join(r) for r in rows)
    assert "090-1111-2222" not in text and "新潟県新潟市中央区" not in text
    [entry] = exported(world.users["manager"])
    assert entry.changes == {
        "export": "cases", "filter": "status=searching", "rows": len(data), "contact_details": False,
    }  # fmt: skip
    assert entry.content_type.model_class() is Inquiry


def test_an_operator_who_may_see_contact_details_gets_them(client, world):
    make_inquiry(Status.RECEIVED, phone="+81-90-5555-6666")
    client.force_login(world.operator)

    rows = download(client, reverse("admin:inquiries_inquiry_export"))

    assert "電話番号" in rows[0]
    assert "'+81-90-5555-6666" in [cell for row in rows for cell in row]
    assert exported(world.operator)[0].changes["contact_details"] is True


def test_the_statistics_count_by_status_month_outcome_and_prefecture(client, world):
    identified = make_inquiry(Status.ANSWERED, birthplace="01")  # answered after a verified match
    world.suggested_candidate.inquiry = identified
    world.suggested_candidate.status = CandidateMatch.State.CONFIRMED
    world.suggested_candidate.save()
    make_inquiry(Status.CLOSED, birthplace="01")  # closed with no verified match: no record
    make_inquiry(Status.WITHDRAWN, birthplace="")
    client.force_login(world.users["manager"])

    rows = download(client, reverse("admin:inquiries_inquiry_statistics"))

    assert rows[0] == ["集計", "区分", "件数"]
    table = {(r[0], r[1]): int(r[2]) for r in rows[1:]}
    total = Inquiry.objects.count()
    assert sum(n for (kind, _), n in table.items() if kind == "状況別") == total
    assert table[("状況別", "回答済み")] == 1 and table[("状況別", "取下げ")] == 1
    month = f"{timezone.localdate():%Y-%m}"
    assert table[("受付月別", month)] == total
    assert table[("結果別", "特定")] == 1
    assert table[("結果別", "該当資料なし")] == 1
    assert table[("結果別", "取下げ")] == 1
    assert table[("結果別", "調査中（未了）")] == total - 3
    assert table[("出生地（都道府県）別", "北海道")] == 2
    assert table[("出生地（都道府県）別", "不明")] == 1
    [entry] = exported(world.users["manager"])
    assert entry.changes == {"export": "statistics", "filter": "", "rows": len(rows) - 1, "cases": total}


@pytest.mark.parametrize("name", ["intake", "matcher", "verifier"])
def test_the_other_roles_may_not_export_and_see_no_link(client, world, name):
    client.force_login(world.users[name])
    assert client.get(reverse("admin:inquiries_inquiry_export")).status_code == 403
    assert client.get(reverse("admin:inquiries_inquiry_statistics")).status_code == 403
    queue = client.get(reverse("admin:inquiries_inquiry_changelist")).content.decode()
    assert "CSVで書き出す" not in queue
    assert exported(world.users[name]) == []


def test_the_queue_links_to_the_exports_with_its_filter(client, world):
    client.force_login(world.users["manager"])
    queue = client.get(reverse("admin:inquiries_inquiry_changelist") + "?status=searching").content.decode()
    assert reverse("admin:inquiries_inquiry_export") + "?status=searching" in queue
    assert reverse("admin:inquiries_inquiry_statistics") + "?status=searching" in queue


def at(day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=timezone.get_current_timezone())


def opened(case, user, when, action=AuditEntry.Action.VIEWED):
    row = trail.entry(case, action, {}, user, created_at=when)
    row.save()


def test_whose_cases_an_account_opened_between_two_dates(client, world):
    intake, other = world.users["intake"], world.users["matcher"]
    early, late, unseen = make_inquiry(), make_inquiry(), make_inquiry()
    opened(early, intake, at(2))
    opened(early, intake, at(5), AuditEntry.Action.DOWNLOADED)
    opened(late, intake, at(10, 23))
    opened(unseen, intake, at(11, 9))  # after the period
    opened(unseen, other, at(5))  # someone else
    trail.record_change(early, {"status": "x"}, intake)  # a change is not a read

    found = opened_by(intake.pk, at(1, 0), at(11, 0), model=Inquiry)

    assert [(o.object_id, o.times) for o in found] == [(str(early.pk), 2), (str(late.pk), 1)]
    assert (found[0].first, found[0].last) == (at(2), at(5))

    client.force_login(world.users["manager"])
    page = client.get(
        reverse("admin:audit_auditentry_reads"),
        {"account": intake.pk, "start": "2026-03-01", "end": "2026-03-10"},
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert early.reference in text and late.reference in text and unseen.reference not in text
    assert "2件の照会" in text


def test_the_reads_page_refuses_an_end_before_the_start_and_other_roles(client, world):
    client.force_login(world.users["manager"])
    url = reverse("admin:audit_auditentry_reads")
    bad = client.get(url, {"account": world.users["intake"].pk, "start": "2026-03-10", "end": "2026-03-01"})
    assert bad.status_code == 400 and "終了日は開始日より後" in bad.content.decode()
    audit = client.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    assert url in audit
    for name in ("intake", "matcher", "verifier"):
        client.force_login(world.users[name])
        assert client.get(url).status_code == 403
        assert url not in client.get(reverse("admin:audit_auditentry_changelist")).content.decode()
