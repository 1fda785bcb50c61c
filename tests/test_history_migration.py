"""The archive records' old history (django-simple-history) becomes audit entries, nothing lost."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.models import AuditEntry

BEFORE = [("archive", "0009_spelling_rederive"), ("audit", "0002_reason")]
AFTER = [("archive", "0010_history_into_the_audit_trail")]


@pytest.fixture
def executor():
    """Migrations wound back for the test, and forward to the latest of every app after it: going
    back to BEFORE also unapplies later migrations that depend on those apps, whose tables the
    following tests need."""
    executor = MigrationExecutor(connection)
    yield executor
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_it_turns_each_records_old_history_into_audit_entries_in_order(executor):
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Record = old.get_model("archive", "ArchiveRecord")
    History = old.get_model("archive", "HistoricalArchiveRecord")
    archivist = User.objects.create(username="archivist")
    record = Record.objects.create(
        source_id="SU-1", surname_cyr="Сато", given_name_cyr="Кадзуо", birth_year=1920
    )
    state = {f.attname: getattr(record, f.attname) for f in Record._meta.concrete_fields}
    state.pop("batch_id"), state.pop("imported_at")
    day = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
    History.objects.create(
        **state, history_type="+", history_date=day, history_change_reason="取込 #1 a.csv"
    )  # fmt: skip
    History.objects.create(
        **{**state, "birth_year": 1921, "grave_no": "7"}, history_type="~", history_user=archivist,
        history_date=day + datetime.timedelta(days=2), history_change_reason="原本で確認",
    )  # fmt: skip
    History.objects.create(
        **{**state, "birth_year": 1921, "grave_no": "8"}, history_type="~",
        history_date=day + datetime.timedelta(days=1), history_change_reason="取込 #2 b.csv",
    )  # fmt: skip

    executor.loader.build_graph()
    executor.migrate(AFTER)

    entries = list(AuditEntry.objects.filter(object_id=str(record.pk)).order_by("created_at"))
    assert [(e.action, e.reason, e.actor_name, e.created_at) for e in entries] == [
        ("created", "取込 #1 a.csv", "", day),
        ("changed", "取込 #2 b.csv", "", day + datetime.timedelta(days=1)),
        ("changed", "原本で確認", "archivist", day + datetime.timedelta(days=2)),
    ]
    assert entries[0].changes["surname_cyr"] == [None, "Сато"] and "grave_no" not in entries[0].changes
    assert entries[1].changes == {"birth_year": [1920, 1921], "grave_no": ["", "8"]}
    assert entries[2].changes == {"grave_no": ["8", "7"]}
    assert entries[2].actor_id == archivist.pk
    assert {e.object_repr for e in entries} == {"SU-1 Сато Кадзуо"}
    assert {e.content_type.app_label + "." + e.content_type.model for e in entries} == {
        "archive.archiverecord"
    }
    assert "archive_historicalarchiverecord" not in connection.introspection.table_names()


@pytest.mark.django_db(transaction=True)
def test_older_entries_lose_the_secrets_they_held(executor):
    before, after = [("audit", "0003_access_and_sign_in")], [("audit", "0004_secrets_out_of_older_entries")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    ContentType = old.get_model("contenttypes", "ContentType")
    AuditEntry = old.get_model("audit", "AuditEntry")
    ct = ContentType.objects.get(app_label="inquiries", model="inquiry")
    changes = {"tracking_token_hash": [None, "ab" * 32], "submission_key": [None, "k"], "status": ["a", "b"]}
    entry = AuditEntry.objects.create(content_type=ct, object_id="1", object_repr="2026-000001", action="changed",
                                      changes=changes)  # fmt: skip
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    assert new.get_model("audit", "AuditEntry").objects.get(pk=entry.pk).changes == {"status": ["a", "b"]}
