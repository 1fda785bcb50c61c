"""A running import claims its batch: a killed worker's upload is imported again once the claim
runs out, a second delivery meanwhile waits and imports nothing, and a batch whose importing
process stopped shows as interrupted."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from archive.models import ArchiveRecord, ImportBatch

from .helpers import GOOD_ROWS, HEADER, upload


def uploaded_but_not_started(client, matcher, django_capture_on_commit_callbacks) -> ImportBatch:
    client.force_login(matcher)
    with django_capture_on_commit_callbacks(execute=False):
        upload(client, HEADER + GOOD_ROWS)
    return ImportBatch.objects.get()


def test_a_batch_left_running_by_a_killed_worker_is_imported_by_the_next_delivery(
    client, matcher, private_media, django_capture_on_commit_callbacks, in_process_tasks
):
    from archive.tasks import import_batch

    batch = uploaded_but_not_started(client, matcher, django_capture_on_commit_callbacks)
    # What a worker killed in the middle leaves: claimed, its claim run out, nothing committed.
    ImportBatch.objects.filter(pk=batch.pk).update(
        state=ImportBatch.State.RUNNING, lease_until=timezone.now() - timedelta(seconds=1)
    )

    import_batch(batch.pk)  # the message, delivered again

    batch.refresh_from_db()
    assert (batch.state, batch.created) == (ImportBatch.State.DONE, 2)
    assert ArchiveRecord.objects.count() == 2


def test_a_delivery_while_another_worker_holds_the_batch_waits_and_imports_nothing(
    client, matcher, private_media, django_capture_on_commit_callbacks, monkeypatch
):
    from celery.exceptions import Retry

    from archive.tasks import import_batch

    batch = uploaded_but_not_started(client, matcher, django_capture_on_commit_callbacks)
    until = timezone.now() + timedelta(seconds=300)
    ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.RUNNING, lease_until=until)
    retries: list[dict] = []
    monkeypatch.setattr(import_batch, "retry", lambda **options: retries.append(options) or Retry())

    with pytest.raises(Retry):
        import_batch(batch.pk)

    assert 290 <= retries[0]["countdown"] <= 302  # it looks again when the claim has run out
    batch.refresh_from_db()
    assert (batch.state, batch.lease_until, batch.created) == (ImportBatch.State.RUNNING, until, 0)
    assert not ArchiveRecord.objects.exists()


@pytest.mark.usefixtures("postgres")
@pytest.mark.django_db(transaction=True)  # the claim is renewed on a connection of its own
def test_the_import_renews_its_claim_as_it_goes(private_media, in_process_tasks, monkeypatch):
    from archive import tasks

    claims: list[datetime] = []

    def claim_until(now=None):  # the task's claim lasts a second only ...
        claims.append(now or timezone.now())
        return claims[-1] + (timedelta(seconds=1) if len(claims) == 1 else ImportBatch.CLAIM)

    monkeypatch.setattr(ImportBatch, "claim_until", staticmethod(claim_until))
    file = SimpleUploadedFile("new-batch.csv", (HEADER + GOOD_ROWS).encode("utf-8"))
    batch = ImportBatch.objects.create(file_name=file.name, uploaded_file=file)
    started = timezone.now()

    tasks.import_batch(batch.pk)

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE
    # ... and the import's steps renewed it for the full claim each time
    assert len(claims) > 2
    assert batch.lease_until >= started + ImportBatch.CLAIM - timedelta(seconds=60)


@pytest.mark.usefixtures("postgres")
@pytest.mark.django_db(transaction=True)  # the claim is renewed on a connection of its own
def test_a_command_line_import_holds_a_claim_while_it_runs(tmp_path):
    from archive.importing import import_csv

    path = tmp_path / "cards.csv"
    path.write_text(HEADER + GOOD_ROWS, encoding="utf-8")
    started = timezone.now()

    batch = import_csv(path)

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE
    assert batch.lease_until >= started + ImportBatch.CLAIM - timedelta(seconds=60)
    assert not batch.interrupted  # done is done, whatever the claim


def left_running(claim_seconds: int, **fields) -> ImportBatch:
    """A batch as a stopped (or still working) import leaves it."""
    return ImportBatch.objects.create(
        file_name="cards.csv",
        state=ImportBatch.State.RUNNING,
        rows_total=600_000,
        rows_done=120_000,
        lease_until=timezone.now() + timedelta(seconds=claim_seconds),
        **fields,
    )


def test_the_batch_pages_tell_an_interrupted_import_from_a_running_one(client, matcher):
    client.force_login(matcher)
    running, stopped = left_running(300), left_running(-1)
    assert not running.interrupted and stopped.interrupted

    listing = client.get(reverse("admin:archive_importbatch_changelist")).text
    shown = [cell.split("<")[0] for cell in listing.split('class="field-state_shown">')[1:]]
    assert sorted(shown) == ["中断", "取込中"]

    page = client.get(reverse("admin:archive_importbatch_change", args=[running.pk])).text
    assert "取込中です（120000 / 600000 行）" in page and 'http-equiv="refresh"' in page
    page = client.get(reverse("admin:archive_importbatch_change", args=[stopped.pk])).text
    assert "取込が途中で止まりました" in page and "同じファイルをもう一度取り込んでください。" in page
    assert 'http-equiv="refresh"' not in page


def test_an_interrupted_upload_says_it_is_imported_again(client, matcher, private_media):
    client.force_login(matcher)
    file = SimpleUploadedFile("cards.csv", (HEADER + GOOD_ROWS).encode("utf-8"))
    stopped = left_running(-1, uploaded_file=file)

    page = client.get(reverse("admin:archive_importbatch_change", args=[stopped.pk])).text
    assert "通常はこのファイルが自動でもう一度取り込まれます。" in page


@pytest.mark.usefixtures("postgres")
@pytest.mark.django_db(transaction=True)  # the reporter writes on a connection of its own
def test_the_claim_is_left_alone_rather_than_waited_for_when_the_batch_row_is_locked(monkeypatch, caplog):
    from django.db import transaction

    from archive.importing import postgres

    monkeypatch.setattr(postgres, "LOCK_TIMEOUT_MS", 200)
    batch = left_running(300)
    reporter = postgres.ProgressReporter(batch)
    try:
        with transaction.atomic():
            ImportBatch.objects.select_for_update().get(pk=batch.pk)  # as the import's own transaction could
            reporter.renew()  # waits 0.2 s, not for ever
            reporter(130_000)
        assert "not written this time" in caplog.text and "lock" in caplog.text
        reporter(140_000)  # the connection is still good once the lock is gone
    finally:
        reporter.close()
    batch.refresh_from_db()
    assert batch.rows_done == 140_000
