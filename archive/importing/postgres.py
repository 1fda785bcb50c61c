"""The PostgreSQL path: COPY the checked rows into a temporary table, merge them in SQL.

One INSERT ... ON CONFLICT (source_id) DO UPDATE ... WHERE ... IS DISTINCT FROM writes new and
changed records, the same statement writes their history rows, and the counts come from what it
returned: a record that did not change is not touched at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from archive.models import ArchiveRecord, BurialSite, Camp, ImportBatch, NameSpelling

from .columns import CLEAN, PLAIN_FIELDS

STAGE = "archive_import_stage"
_INTS = {"line", "birth_year", "death_year", "death_month", "death_day"}
_DERIVED = (
    "camp_id",
    "burial_site_id",
    "surname_spelling_id",
    "given_spelling_id",
    "surname_reading",
    "given_name_reading",
    "romaji",
)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def stage(rows: Iterable[tuple]) -> None:
    """Stream the rows into a fresh temporary table (no WAL, dropped at the end of the import)."""
    columns = ", ".join(f"{_q(c)} {'integer' if c in _INTS else 'text'}" for c in CLEAN)
    # A refusal raised while copying aborts the COPY; the savepoint keeps a caller's transaction usable.
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cur.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns})")
        names = ", ".join(_q(c) for c in CLEAN)
        with cur.cursor.copy(f"COPY {STAGE} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


class ProgressReporter:
    """Writes rows_done on a connection of its own: the import's connection is busy with COPY,
    and a page showing progress must see it before the import commits."""

    def __init__(self, batch) -> None:
        self.batch_pk = batch.pk
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, rows_done: int) -> None:
        with self.connection.cursor() as cur:
            cur.execute(
                f"UPDATE {ImportBatch._meta.db_table} SET rows_done = %s WHERE id = %s",
                [rows_done, self.batch_pk],
            )

    def close(self) -> None:
        self.connection.close()


def drop_stage() -> None:
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {STAGE}")


def _merge_sql() -> str:
    record = ArchiveRecord._meta.db_table
    history_model = ArchiveRecord.history.model
    tracked = [f.column for f in history_model.tracked_fields]
    fields = [*PLAIN_FIELDS, *_DERIVED]
    select = ",\n".join(
        [f"s.{_q(f)}" for f in PLAIN_FIELDS]
        + [
            "c.id",
            "b.id",
            "sn.id",
            "gn.id",
            "coalesce(split_part(sn.readings, ' ', 1), '')",
            "coalesce(split_part(gn.readings, ' ', 1), '')",
            "concat_ws(' ', nullif(sn.romaji, ''), nullif(gn.romaji, ''))",
        ]
    )
    target = ", ".join(_q(f) for f in fields)
    updates = ", ".join(f"{_q(f)} = EXCLUDED.{_q(f)}" for f in [*fields, "batch_id", "imported_at"])
    old = ", ".join(f"r.{_q(f)}" for f in fields)
    new = ", ".join(f"EXCLUDED.{_q(f)}" for f in fields)
    history_columns = ", ".join(_q(c) for c in tracked)
    return f"""
WITH m AS (
    INSERT INTO {record} AS r ({target}, batch_id, imported_at)
    SELECT {select}, %(batch)s, now()
    FROM {STAGE} s
    LEFT JOIN {Camp._meta.db_table} c ON c.name = s.camp
    LEFT JOIN {BurialSite._meta.db_table} b ON b.name = s.burial_site
    LEFT JOIN {NameSpelling._meta.db_table} sn ON sn.script = s.s_script AND sn.text = s.s_text
    LEFT JOIN {NameSpelling._meta.db_table} gn ON gn.script = s.g_script AND gn.text = s.g_text
    ON CONFLICT (source_id) DO UPDATE SET {updates}
    WHERE ({old}) IS DISTINCT FROM ({new})
    RETURNING r.*, (r.xmax = 0) AS inserted
), h AS (
    INSERT INTO {history_model._meta.db_table}
        ({history_columns}, history_date, history_change_reason, history_type, history_user_id)
    SELECT {history_columns}, now(), %(reason)s, CASE WHEN inserted THEN '+' ELSE '~' END, %(user)s
    FROM m
    RETURNING history_type
)
SELECT count(*) FILTER (WHERE history_type = '+'), count(*) FILTER (WHERE history_type = '~') FROM h
"""


def merge(batch, *, user=None, reason: str = "") -> tuple[int, int, int]:
    """(created, updated, unchanged). Call inside a transaction, after stage()."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {STAGE}")
        (total,) = cur.fetchone()
        params = {"batch": batch.pk, "reason": reason, "user": getattr(user, "pk", None)}
        cur.execute(_merge_sql(), params)
        created, updated = cur.fetchone()
        cur.execute(f"DROP TABLE {STAGE}")
    return created, updated, total - created - updated


def analyse() -> None:
    """Fresh statistics for the tables a big import changed (after commit)."""
    tables = [ArchiveRecord._meta.db_table, ArchiveRecord.history.model._meta.db_table]
    tables += [NameSpelling._meta.db_table, "archive_spellingkey"]
    with connection.cursor() as cur:
        for table in tables:
            cur.execute(f"ANALYZE {table}")
