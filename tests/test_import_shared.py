"""A big file's records are checked on a second connection while the import goes on as if they
were all good (PostgreSQL): the same result as when they are checked first, on its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from archive.importing import import_csv, pg_shared
from archive.models import ArchiveRecord, BurialSite, Camp, ImportBatch, NameSpelling
from tests.import_files import good_rows, row, write

pytestmark = pytest.mark.django_db(transaction=True)  # a second connection sees only what is committed


@pytest.fixture
def checked_beside(transactional_db, postgres, monkeypatch):
    """How many imports checked their records on a second connection."""
    calls: list[int] = []
    real = pg_shared._Checker.run

    def run(self):
        calls.append(1)
        return real(self)

    monkeypatch.setattr(pg_shared._Checker, "run", run)
    return calls


def schemas() -> list[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'archive_import_%%' ORDER BY 1")
        return [name for (name,) in cur.fetchall()]


def imported(path, monkeypatch, *, shared: bool, **options) -> dict:
    """Import into an empty archive, one way or the other; what came of it."""
    ArchiveRecord.objects.all().delete()
    NameSpelling.objects.all().delete()
    Camp.objects.all().delete()
    BurialSite.objects.all().delete()
    monkeypatch.setattr(pg_shared, "SHARED_FROM", 1 if shared else 10**9)
    batch = import_csv(path, **options)
    records = sorted(
        ArchiveRecord.objects.values_list(
            "source_id", "surname_cyr", "given_name_cyr", "birthplace_cyr", "prefecture", "birth_year",
            "surname_spelling__text", "given_spelling__text", "surname_reading", "romaji", "camp__name",
            "camp__region", "burial_site__name", "death_year", "death_month", "death_day",
        )
    )  # fmt: skip
    return {
        "batch": (batch.state, batch.created, batch.updated, batch.unchanged, batch.rejected, batch.errors),
        "records": records,
        "spellings": sorted(NameSpelling.objects.values_list("script", "text", "readings", "romaji", "keys")),
    }


def test_a_clean_file_imports_the_same_checked_beside(tmp_path, monkeypatch, checked_beside):
    rows = good_rows(6) + [row("K-1", "", "", surname_kana="やまだ", given_name_kana="ﾀﾛｳ")]
    path = write(tmp_path / "a.csv", rows)

    alone = imported(path, monkeypatch, shared=False)
    beside = imported(path, monkeypatch, shared=True)

    assert checked_beside == [1]
    assert beside == alone
    assert alone["batch"][:2] == (ImportBatch.State.DONE, 7)
    assert schemas() == []


@pytest.mark.parametrize(
    "bad",
    [
        {1: {"birth_year": "19x0"}, 3: {"source_id": "SU-0002"}},  # the merge fails on the year
        {3: {"source_id": "SU-0002"}},  # ... on the repeated id
        {2: {"given_name_cyr": "Кийоси" * 30}},  # ... on a name too long for its column
        {2: {"surname_kana": "Сато"}},  # it would go through: the check alone refuses it
    ],
)
def test_a_bad_file_is_refused_alike_and_changes_nothing(tmp_path, monkeypatch, checked_beside, bad):
    rows = good_rows(4)
    for i, fields in bad.items():
        rows[i].update(fields)
    path = write(tmp_path / "a.csv", rows)

    alone = imported(path, monkeypatch, shared=False)
    beside = imported(path, monkeypatch, shared=True)

    assert checked_beside == [1]
    assert beside == alone
    assert alone["batch"][0] == ImportBatch.State.FAILED
    assert {e["line"] for e in alone["batch"][5]} == {i + 2 for i in bad}
    assert alone["records"] == []
    assert schemas() == []


def test_spaces_and_skipped_rows_come_out_alike(tmp_path, monkeypatch, checked_beside):
    rows = good_rows(5)
    rows[0]["surname_cyr"] = "  Сато "  # spaces around values are stripped
    rows[1]["archive_ref"] = " ф. 2, оп. 3 "
    rows[2]["death_date"] = "1946-13-01"  # refused, skipped
    path = write(tmp_path / "a.csv", rows)

    alone = imported(path, monkeypatch, shared=False, skip_invalid=True, rejects_path=tmp_path / "alone.csv")
    beside = imported(path, monkeypatch, shared=True, skip_invalid=True, rejects_path=tmp_path / "beside.csv")

    assert checked_beside == [1]
    assert beside == alone
    assert alone["batch"][:5] == (ImportBatch.State.DONE, 4, 0, 0, 1)
    assert ("SU-0000", "Сато") in {r[:2] for r in alone["records"]}
    assert (tmp_path / "beside.csv").read_text(encoding="utf-8") == (tmp_path / "alone.csv").read_text(
        encoding="utf-8"
    )
    assert schemas() == []


def test_the_schema_of_an_import_that_was_killed_is_dropped_by_the_next(
    tmp_path, monkeypatch, checked_beside
):
    with connection.cursor() as cur:
        cur.execute("CREATE SCHEMA archive_import_999999")
        cur.execute("CREATE UNLOGGED TABLE archive_import_999999.archive_import_raw (line bigint)")

    imported(write(tmp_path / "a.csv", good_rows(2)), monkeypatch, shared=True)

    assert checked_beside == [1]
    assert schemas() == []
    with connection.cursor() as cur:
        cur.execute("SHOW search_path")
        assert "archive_import" not in cur.fetchone()[0]


def test_the_schema_of_an_interrupted_import_is_dropped_and_a_running_ones_kept(
    tmp_path, monkeypatch, checked_beside
):
    now = timezone.now()
    interrupted, running = (
        ImportBatch.objects.create(file_name="a.csv", state=ImportBatch.State.RUNNING, lease_until=until)
        for until in (now - timedelta(seconds=1), now + timedelta(seconds=300))
    )
    with connection.cursor() as cur:
        for batch in (interrupted, running):
            cur.execute(f"CREATE SCHEMA archive_import_{batch.pk}")

    imported(write(tmp_path / "a.csv", good_rows(2)), monkeypatch, shared=True)

    assert checked_beside == [1]
    assert schemas() == [f"archive_import_{running.pk}"]
    with connection.cursor() as cur:
        cur.execute(f"DROP SCHEMA archive_import_{running.pk}")


def test_a_dry_run_checks_beside_and_writes_nothing(tmp_path, monkeypatch, checked_beside):
    rows = good_rows(3)
    rows[1]["death_date"] = "1944"
    path = write(tmp_path / "a.csv", rows)

    alone = imported(path, monkeypatch, shared=False, dry_run=True)
    beside = imported(path, monkeypatch, shared=True, dry_run=True)

    assert checked_beside == [1]
    assert beside == alone
    assert [e["line"] for e in alone["batch"][5]] == [3]
    assert alone["records"] == [] and schemas() == []


def test_without_a_schema_of_its_own_the_import_checks_on_one_connection(
    tmp_path, monkeypatch, checked_beside
):
    from django.db import DatabaseError

    def refused(self):
        raise DatabaseError("permission denied for database")

    monkeypatch.setattr(pg_shared.Shared, "create", refused)

    result = imported(write(tmp_path / "a.csv", good_rows(3)), monkeypatch, shared=True)

    assert checked_beside == []
    assert result["batch"][:2] == (ImportBatch.State.DONE, 3)
