"""An uploaded batch is claimed by the worker importing it: a killed worker's batch is imported
again once the claim runs out, a second delivery meanwhile waits and imports nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from archive.models import ArchiveRecord, ImportBatch
from tests.conftest import require

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


@pytest.mark.django_db(transaction=True)  # the claim is renewed on a connection of its own
def test_the_import_renews_its_claim_as_it_goes(private_media, in_process_tasks, monkeypatch):
    from archive import tasks
    from archive.importing import postgres

    require("PostgreSQL", connection.vendor == "postgresql")
    monkeypatch.setattr(tasks, "LEASE_SECONDS", 1)  # claimed for a second only ...
    file = SimpleUploadedFile("new-batch.csv", (HEADER + GOOD_ROWS).encode("utf-8"))
    batch = ImportBatch.objects.create(file_name=file.name, uploaded_file=file)
    started = timezone.now()

    tasks.import_batch(batch.pk)

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE
    # ... and the import's steps renewed it for the full lease each time
    assert batch.lease_until >= started + timedelta(seconds=postgres.LEASE_SECONDS - 60)
