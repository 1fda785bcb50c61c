"""Matching as case work: runs on submission, keeps staff decisions, and keeps looking after imports."""

from __future__ import annotations

import pytest

from archive.importing import import_csv
from archive.matching import reasons
from inquiries.models import CandidateMatch, Status
from inquiries.roles import INTAKE
from inquiries.services.facts import correct_facts
from inquiries.services.matching import run_matching
from inquiries.services.submission import submit_inquiry
from tests.factories import family_fields
from tests.notifications.inprocess import eager_tasks  # noqa: F401  (fixture: tasks run here)
from tests.test_matching import RECORDS, write_archive
from tests.workflow.conftest import make_inquiry, make_staff

# Matching runs as a task: here in this process, whatever broker the run has.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_tasks")]


# The inquiry from the matching issue: 山下 清 (ヤマシタ キヨシ), born 大正10年, from 新潟.
YAMASHITA = dict(surname_kanji="山下", given_name_kanji="清", surname_kana="ヤマシタ", given_name_kana="キヨシ",
                 birth_year=1921, birthplace="15")  # fmt: skip


@pytest.fixture
def archive(tmp_path):
    batch = import_csv(write_archive(tmp_path / "archive.csv", RECORDS))
    assert batch.state == "done", batch.errors


def test_it_matches_an_inquiry_as_soon_as_it_is_received(archive):
    inquiry = submit_inquiry("yamashita", family_fields(contact="post", **YAMASHITA), []).inquiry
    best = inquiry.candidates.order_by("-score").first()
    assert best is not None and best.record.source_id.startswith("YAMASHITA")
    assert best.status == CandidateMatch.State.SUGGESTED
    assert len(best.also) == 2
    assert any("ヤマシタ" in reason for reason in reasons(best.explanation))


def test_it_keeps_a_rejected_candidate_rejected_when_matching_runs_again(archive):
    inquiry = make_inquiry(**YAMASHITA)
    run_matching(inquiry.pk)
    best = inquiry.candidates.order_by("-score").first()
    best.status = CandidateMatch.State.REJECTED
    best.save()
    run_matching(inquiry.pk)
    run_matching(inquiry.pk, standing=True)
    best.refresh_from_db()
    assert best.status == CandidateMatch.State.REJECTED
    yamashita = [c for c in inquiry.candidates.all() if c.record.source_id.startswith("YAMASHITA")]
    assert yamashita == [best]  # no other card of the rejected person is put forward instead


def test_it_rematches_when_staff_correct_the_facts(archive):
    inquiry = make_inquiry(surname_kanji="清水", given_name_kanji="敬二", surname_kana="シミズ",
                           given_name_kana="ケイジ", birth_year=1950, birthplace="")  # fmt: skip
    run_matching(inquiry.pk)
    correct_facts(inquiry, {"birth_year": 1918}, user=make_staff("intake", INTAKE), reason="ご家族から電話で")
    best = inquiry.candidates.order_by("-score").first()
    assert best.record.source_id == "SHIMIZU" and best.band == "likely"


def test_it_flags_a_new_lead_for_staff_after_an_import(archive, tmp_path):
    inquiry = make_inquiry(surname_kanji="森", given_name_kanji="実", surname_kana="モリ", given_name_kana="ミノル",
                           birth_year=1919, birthplace="17", status=Status.NO_RECORD)  # fmt: skip
    run_matching(inquiry.pk)
    assert not inquiry.candidates.filter(flagged=True).exists()
    new = write_archive(tmp_path / "new.csv", [("MORI-1", "Мори", "Минору", 1919, "преф. Исикава")])
    batch = import_csv(new)
    assert batch.state == "done", batch.errors
    lead = inquiry.candidates.get(record__source_id="MORI-1")
    assert lead.flagged and lead.band == "likely"
    assert lead.status == CandidateMatch.State.SUGGESTED  # a person must verify before the family hears
    inquiry.refresh_from_db()
    assert inquiry.status == Status.SEARCHING  # back on a staff member's desk, not told to the family yet


def test_it_leaves_closed_inquiries_alone(archive):
    inquiry = make_inquiry(status=Status.CLOSED, **YAMASHITA)
    assert run_matching(inquiry.pk) == []
    assert not inquiry.candidates.exists()


@pytest.mark.usefixtures("postgres")
def test_it_matches_in_a_real_worker_when_the_inquiry_is_received(
    tmp_path, celery_worker_process, monkeypatch
):
    """A worker process picks the task up from Redis and writes the candidates."""
    import time

    from config.celery import app

    batch = import_csv(write_archive(tmp_path / "archive.csv", RECORDS))
    assert batch.state == "done"
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    inquiry = submit_inquiry("yamashita", family_fields(contact="post", **YAMASHITA), []).inquiry
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not inquiry.candidates.exists():
        time.sleep(0.5)
    best = inquiry.candidates.order_by("-score").first()
    assert best is not None and best.record.source_id.startswith("YAMASHITA")
    assert "inquiries.match_inquiry" in celery_worker_process.log_path.read_text()
