"""The archive admin as archivists and other staff use it."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from archive.generator import generate
from archive.importing import import_csv
from archive.models import ArchiveRecord, ImportBatch
from inquiries.roles import sync_role_groups
from tests.conftest import require

CHANGELIST = "admin:archive_archiverecord_changelist"
HEADER = (
    "source_id,surname_cyr,given_name_cyr,birth_year,birthplace_cyr,camp,region,death_date,document_type\n"
)
GOOD_ROWS = (
    "T-1,Сато,Киёси,1920,преф. Ниигата,Лагерь № 7,Иркутская область,1946-02-11,death_list\n"
    "T-2,Танака,Исаму,1922,,Лагерь № 16,Хабаровский край,,registration_card\n"
)
BAD_ROW = "T-3,Ямада,Минору,тысяча,,Лагерь № 7,Иркутская область,1946-13-40,registration_card\n"


def staff(username: str, group: str):
    sync_role_groups()
    user = get_user_model().objects.create_user(username, password="pw-archive-2026", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


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


def upload(client, content: str, **options):
    file = SimpleUploadedFile("new-batch.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("admin:archive_importbatch_add"), {"uploaded_file": file, **options})


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
