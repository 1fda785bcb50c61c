"""Archive admin fixtures: an archivist and other staff, records to show, uploads kept private
and tasks run in this process."""

from __future__ import annotations

import pytest

from archive.importing import import_csv
from archive.models import ArchiveRecord, ImportBatch
from devdata.generator import generate

from .helpers import GOOD_ROWS, HEADER, staff


@pytest.fixture
def matcher(db):
    return staff("matcher", "照合担当")


@pytest.fixture
def intake(db):
    return staff("intake", "受付担当")


@pytest.fixture
def private_media(tmp_path, settings, monkeypatch):
    """Uploads go to a private directory of this test (a worker process started later sees it too)."""
    media = tmp_path / "private"
    monkeypatch.setenv("PRIVATE_MEDIA_ROOT", str(media))
    settings.MEDIA_ROOT = media
    return media


@pytest.fixture
def in_process_tasks(monkeypatch):
    """Run tasks in this process (as `make run` without Redis does), whatever the broker setting."""
    from config.celery import app

    monkeypatch.setattr(app.conf, "task_always_eager", True)


@pytest.fixture
def records(db, tmp_path):
    path = tmp_path / "sample"
    generate(path, records=50, seed=9)
    batch = import_csv(path / "archive.csv")
    assert batch.state == ImportBatch.State.DONE, batch.errors
    return ArchiveRecord.objects.order_by("source_id")


@pytest.fixture
def two_records(db, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(HEADER + GOOD_ROWS, encoding="utf-8")
    assert import_csv(path).state == ImportBatch.State.DONE
    return ArchiveRecord.objects.get(source_id="T-1"), ArchiveRecord.objects.get(source_id="T-2")
