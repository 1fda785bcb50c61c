"""Receipt numbers (2026-000123) from the database: a sequence per year on PostgreSQL, a counter row on
SQLite; bursts of parallel submissions all get distinct numbers and none fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone

from inquiries.models import Inquiry
from inquiries.services.submission import next_reference, submit_inquiry

FIELDS = {
    "applicant_surname": "山田", "applicant_given_name": "花子", "relationship": "child",
    "postal_code": "123-4567", "address": "東京都千代田区霞が関1-2-3", "phone": "0312345678",
    "preferred_contact": "post", "surname_kanji": "山田", "given_name_kanji": "太郎", "consent": True,
}  # fmt: skip
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_a_new_year_counts_on_from_the_highest_number_already_given():
    Inquiry.objects.create(reference="2099-000050", submission_key="a", tracking_token_hash="a")
    Inquiry.objects.create(reference="2099-x", submission_key="b", tracking_token_hash="b")  # not a number
    with transaction.atomic():
        assert [next_reference(2099) for _ in range(3)] == ["2099-000051", "2099-000052", "2099-000053"]


def burst(count: int, workers: int = 25) -> tuple[list[str], list[str]]:
    """`count` submissions by `workers` threads started at the same moment, each thread with its own
    database connection (PostgreSQL allows 100 connections, shared with the rest of the machine)."""
    start = threading.Barrier(workers)
    references: list[str] = []
    errors: list[str] = []

    def submit(worker: int) -> None:
        try:
            start.wait()
            for i in range(worker, count, workers):
                try:
                    references.append(submit_inquiry(f"burst-{i}", FIELDS, []).inquiry.reference)
                except Exception as error:  # counted, not raised: the test reports them all
                    errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(w,)) for w in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return references, errors


@pytest.mark.django_db(transaction=True)
def test_a_hundred_parallel_submissions_get_a_hundred_receipts_on_postgresql(postgres, monkeypatch):
    monkeypatch.setattr("inquiries.services.submission.match_after_commit", lambda pk: None)
    year = timezone.localdate().year
    try:
        references, errors = burst(100)
    finally:
        with connection.cursor() as cursor:  # the next test's numbers start afresh
            cursor.execute(f"DROP SEQUENCE IF EXISTS inquiries_receipt_{year:04d}")
    assert errors == []
    assert len(set(references)) == 100 and Inquiry.objects.count() == 100
    numbers = sorted(int(reference.removeprefix(f"{year}-")) for reference in references)
    assert numbers == list(range(numbers[0], numbers[0] + 100))  # no gaps: none failed


SQLITE_BURST = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.test_receipt_numbers import burst
references, errors = burst(50)
print(json.dumps({"references": references, "errors": errors}))
"""


def test_fifty_parallel_submissions_get_fifty_receipts_on_a_sqlite_file(tmp_path):
    """As under the development server: threads writing one SQLite file (not the in-memory test database)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="tests.settings", TESTING="1", VAR_DIR=str(tmp_path))
    env["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private")
    done = subprocess.run(
        [sys.executable, "-c", SQLITE_BURST], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert len(set(result["references"])) == 50
