"""Uploading a CSV in the admin: imported by a task, its summary and rejects on the batch page."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import ArchiveRecord, ImportBatch

from .helpers import BAD_ROW, GOOD_ROWS, HEADER, upload


def test_it_imports_an_uploaded_csv_and_shows_the_summary(
    client, matcher, private_media, in_process_tasks, django_capture_on_commit_callbacks
):
    client.force_login(matcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, HEADER + GOOD_ROWS)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:archive_importbatch_change", args=[batch.pk])
    assert batch.state == ImportBatch.State.DONE and batch.created == 2
    assert batch.created_by == matcher
    assert (private_media / batch.uploaded_file.name).exists()
    page = client.get(response["Location"])
    assert "取込が完了しました。" in page.text and "新規 2 件" in page.text
    assert 'http-equiv="refresh"' not in page.text
    assert ArchiveRecord.objects.filter(source_id__in=["T-1", "T-2"]).count() == 2


def test_it_lists_rejected_rows_with_their_reasons(
    client, matcher, private_media, in_process_tasks, django_capture_on_commit_callbacks
):
    client.force_login(matcher)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, HEADER + GOOD_ROWS + BAD_ROW, skip_invalid="on")
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.DONE and batch.created == 2 and batch.rejected == 1
    page = client.get(reverse("admin:archive_importbatch_change", args=[batch.pk]))
    assert 'id="import-problems"' in page.text
    assert "тысяча" in page.text
    assert "不合格 1 件" in page.text


def test_it_refuses_a_file_that_is_not_csv(client, matcher, private_media):
    client.force_login(matcher)
    file = SimpleUploadedFile("records.xlsx", b"PK\x03\x04", content_type="application/octet-stream")
    page = client.post(reverse("admin:archive_importbatch_add"), {"uploaded_file": file})
    assert page.status_code == 200
    assert "拡張子が .csv のファイルを選んでください。" in page.text
    assert not ImportBatch.objects.exists()


def test_it_does_not_let_intake_staff_upload(client, intake):
    client.force_login(intake)
    assert client.get(reverse("admin:archive_importbatch_add")).status_code == 403


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_it_imports_an_upload_in_a_real_worker_through_redis(
    postgres, private_media, celery_worker_process, client, matcher
):
    client.force_login(matcher)
    response = upload(client, HEADER + GOOD_ROWS)
    batch = ImportBatch.objects.get()
    page = client.get(response["Location"])
    deadline = time.monotonic() + 60
    while (
        batch.state in (ImportBatch.State.PENDING, ImportBatch.State.RUNNING) and time.monotonic() < deadline
    ):
        assert 'http-equiv="refresh"' in page.text, "a running import refreshes its page"
        time.sleep(0.5)
        batch.refresh_from_db()
        page = client.get(response["Location"])
    assert batch.state == ImportBatch.State.DONE, celery_worker_process.log_path.read_text()
    assert "取込が完了しました。" in page.text and "新規 2 件" in page.text
    assert "archive.tasks.import_batch" in celery_worker_process.log_path.read_text()


def test_it_says_why_an_import_failed_when_the_stored_file_is_gone(
    client, matcher, private_media, django_capture_on_commit_callbacks, in_process_tasks
):
    client.force_login(matcher)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        upload(client, HEADER + GOOD_ROWS)
    batch = ImportBatch.objects.get()
    (private_media / batch.uploaded_file.name).unlink()
    for callback in callbacks:
        callback()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED
    page = client.get(reverse("admin:archive_importbatch_change", args=[batch.pk]))
    assert "取込できませんでした。" in page.text
    assert "ファイルを開けません" in page.text
    assert not ArchiveRecord.objects.exists()


def test_it_imports_a_batch_only_once_when_the_task_is_delivered_twice(
    client, matcher, private_media, django_capture_on_commit_callbacks, in_process_tasks
):
    from archive.tasks import import_batch

    client.force_login(matcher)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, HEADER + GOOD_ROWS)
    batch = ImportBatch.objects.get()
    import_batch(batch.pk)  # a redelivered message
    batch.refresh_from_db()
    assert (batch.state, batch.created, batch.unchanged) == (ImportBatch.State.DONE, 2, 0)
