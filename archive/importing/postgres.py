"""PostgreSQL path, last step: merge the raw table into the archive in SQL.

The valid records are joined with what was derived for them; an anti-join against the archive
keeps only the new and changed ones, and one INSERT ... ON CONFLICT (source_id) DO UPDATE ... WHERE
... IS DISTINCT FROM writes them; the same statement writes one audit entry for each changed one
(only the fields that differ, as the generic path writes them), and the counts come from what it
returned: a record that did not change is not touched at all.
"""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections

from archive.models import ArchiveRecord, BurialSite, Camp, ImportBatch, NameSpelling, SpellingKey
from audit.models import AuditEntry

from .columns import DEFAULT_DOCUMENT_TYPE, DERIVED_FIELDS, KNOWN, PLAIN_FIELDS
from .pg_checks import column, valid_rows
from .pg_copy import RAW
from .pg_derive import NAMES, PLACES

DEATH = ("death_year", "death_month", "death_day")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


LOCK_TIMEOUT_MS = 5000  # the longest a progress or claim write waits for the batch row
log = logging.getLogger(__name__)


class ProgressReporter:
    """Writes rows_done on a connection of its own: the import's connection is busy with COPY,
    and a page showing progress must see it before the import commits. Renews the batch's claim
    (renew(), at each step of the import) the same way, when it holds one.

    The import waits for each of these writes: should the batch row ever be locked by its own
    transaction, waiting would never end. So a write waits for a lock a few seconds at most and
    is then left out (the next one tries again)."""

    def __init__(self, batch) -> None:
        self.batch_pk = batch.pk
        self.leased = batch.lease_until is not None
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        self.limited = False

    def _update(self, assignment: str, params: list) -> None:
        with self.connection.cursor() as cur:
            if not self.limited:
                cur.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
                self.limited = True
            try:
                cur.execute(f"UPDATE {ImportBatch._meta.db_table} SET {assignment}", params)  # nosec B608 # the table name from the model and assignments written in this module; values go as parameters
            except OperationalError as e:  # lock_timeout: the connection stays usable (autocommit)
                log.warning("import batch %s: progress or claim not written this time (%s)", self.batch_pk, e)

    def renew(self) -> None:
        if not self.leased:
            return
        self._update(
            "lease_until = %s WHERE id = %s AND state = %s",
            [ImportBatch.claim_until(), self.batch_pk, ImportBatch.State.RUNNING],
        )

    def __call__(self, rows_done: int) -> None:
        self._update("rows_done = %s WHERE id = %s", [rows_done, self.batch_pk])

    def close(self) -> None:
        self.connection.close()


def _field_sql(columns: list[str]) -> dict[str, str]:
    """SQL for each record field, from the raw table `r` and the derived tables joined to it.

    The derived tables hold what archive.derive gives for each distinct value (pg_derive); this
    puts them together as archive.derive.spelling_pair and record_names do (the tests check
    that both paths store what archive.derive.derive_record gives)."""
    v = {name: column(columns, name) for name in KNOWN}
    death = {f: f"nullif(split_part({v['death_date']}, '-', {i}), '')::int" for i, f in enumerate(DEATH, 1)}
    out = {f: v[f] for f in PLAIN_FIELDS if f in v}
    out.update(death)
    out.update(
        document_type=f"coalesce(nullif({v['document_type']}, ''), '{DEFAULT_DOCUMENT_TYPE}')",
        birth_year=f"nullif({v['birth_year']}, '')::int",
        prefecture="coalesce(p.prefecture, '')",
        camp_id="c.id",
        burial_site_id="b.id",
        # A name part is indexed by its Cyrillic spelling when written, else by its kana.
        surname_spelling_id="coalesce(sc.spelling_id, sk.spelling_id)",
        given_spelling_id="coalesce(gc.spelling_id, gk.spelling_id)",
        surname_reading="coalesce(sc.reading, sk.reading, '')",
        given_name_reading="coalesce(gc.reading, gk.reading, '')",
        romaji="concat_ws(' ', nullif(coalesce(sc.romaji, sk.romaji), ''), nullif(coalesce(gc.romaji, gk.romaji), ''))",
    )
    return out


def _repr_sql(t: str) -> str:
    """str(ArchiveRecord) in SQL over the row `t`, as an audit entry's object_repr."""
    cyrillic = f"nullif(concat_ws(' ', nullif({t}.surname_cyr, ''), nullif({t}.given_name_cyr, '')), '')"
    name = f"coalesce({cyrillic}, {t}.surname_kana || ' ' || {t}.given_name_kana)"
    return (
        f"left(btrim({t}.source_id || ' ' || {name}), {AuditEntry._meta.get_field('object_repr').max_length})"
    )


def _merge_sql(columns: list[str], *, any_rejected: bool, plain: bool) -> tuple[str, dict]:
    """The merge statement and its extra parameters.

    plain: a bare INSERT (the archive is empty). Otherwise only new and changed records are
    written, and a changed record gets an audit entry with the fields that differ, {field: [old, new]}
    (a new one gets none, as on the generic path: its batch says where it came from).
    """
    record = ArchiveRecord._meta.db_table
    fields = [*PLAIN_FIELDS, *DERIVED_FIELDS]
    exprs = _field_sql(columns)
    select = ",\n".join(f"{exprs[f]} AS {_q(f)}" for f in fields)
    v = {name: column(columns, name) for name in KNOWN}
    name_joins = "\n".join(
        f"LEFT JOIN {NAMES} {alias} ON {alias}.script = '{script}' AND {alias}.raw = {v[col]}"
        for alias, script, col in (
            ("sc", "cyr", "surname_cyr"),
            ("sk", "kana", "surname_kana"),
            ("gc", "cyr", "given_name_cyr"),
            ("gk", "kana", "given_name_kana"),
        )
    )
    where = f"WHERE {valid_rows()}" if any_rejected else ""
    target = ", ".join(_q(f) for f in fields)
    wanted = f"""
WITH w AS (
    SELECT {select}
    FROM {RAW} r
    {name_joins}
    LEFT JOIN {PLACES} p ON p.raw = {v["birthplace_cyr"]}
    LEFT JOIN {Camp._meta.db_table} c ON c.name = {v["camp"]}
    LEFT JOIN {BurialSite._meta.db_table} b ON b.name = {v["burial_site"]}
    {where}
)"""  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
    if plain:
        return (
            f"{wanted}\nINSERT INTO {record} ({target}, batch_id, imported_at) SELECT w.*, %(batch)s, now() FROM w",  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
            {},
        )
    updates = ", ".join(f"{_q(f)} = EXCLUDED.{_q(f)}" for f in [*fields, "batch_id", "imported_at"])
    old = ", ".join(f"t.{_q(f)}" for f in fields)
    new = ", ".join(f"EXCLUDED.{_q(f)}" for f in fields)
    existing = ", ".join(f"e.{_q(f)}" for f in fields)
    wanted_fields = ", ".join(f"w.{_q(f)}" for f in fields)
    changes = ", ".join(
        f"'{f}', CASE WHEN e.{_q(f)} IS DISTINCT FROM w.{_q(f)} THEN jsonb_build_array(e.{_q(f)}, w.{_q(f)}) END"
        for f in fields
    )
    sql = f"""{wanted}, c AS MATERIALIZED (
    SELECT w.*, e.id AS old_id,
        CASE WHEN e.id IS NOT NULL THEN jsonb_strip_nulls(jsonb_build_object({changes})) END AS changes
    FROM w LEFT JOIN {record} e ON e.source_id = w.source_id
    WHERE e.id IS NULL OR ({existing}) IS DISTINCT FROM ({wanted_fields})
), m AS (
    INSERT INTO {record} AS t ({target}, batch_id, imported_at)
    SELECT {", ".join(f"c.{_q(f)}" for f in fields)}, %(batch)s, now() FROM c
    ON CONFLICT (source_id) DO UPDATE SET {updates}
    WHERE ({old}) IS DISTINCT FROM ({new})
    RETURNING t.*, (t.xmax = 0) AS inserted
), a AS (
    INSERT INTO {AuditEntry._meta.db_table}
        (content_type_id, object_id, object_repr, action, changes, actor_id, actor_name, reason, created_at)
    SELECT %(content_type)s, m.id::text, {_repr_sql("m")}, %(action)s, c.changes,
        %(user)s, %(user_name)s, %(reason)s, now()
    FROM m JOIN c ON c.old_id = m.id
    WHERE NOT m.inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM m
"""  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
    params = {
        "content_type": ContentType.objects.get_for_model(ArchiveRecord).pk,
        "action": AuditEntry.Action.CHANGED.value,
    }
    return sql, params


def merge(
    batch, columns: list[str], valid: int, *, any_rejected: bool, plain: bool, user=None, reason: str = ""
):
    """(created, updated, unchanged). Call inside a transaction, after the derive steps.

    plain: the archive is empty and has no unique index on source_id (BulkLoad).
    """
    sql, extra = _merge_sql(columns, any_rejected=any_rejected, plain=plain)
    with connection.cursor() as cur:
        params = {
            "batch": batch.pk,
            "reason": reason,
            "user": getattr(user, "pk", None),
            "user_name": user.get_username() if user is not None else "",
            **extra,
        }
        cur.execute(sql, params)
        if plain:
            created, updated = cur.rowcount, 0
        else:
            created, updated = cur.fetchone()
    return created, updated, valid - created - updated


BULK_FROM = 50_000  # valid records before a table bigger than the archive is loaded without its indexes


class BulkLoad:
    """Drop the secondary indexes and foreign keys of a table that the import more than doubles,
    and build them again after the merge, in the same transaction: one sort per index and one
    join per foreign key cost much less than maintaining them row by row (and checking
    several million deferred foreign-key events at commit). When the archive is empty the
    unique constraint on source_id goes too and the merge is a plain INSERT (the check has
    already refused duplicate ids). A failure rolls the drops back with everything else.
    The dropped indexes lock the table until the import commits: only for a big first load."""

    def __init__(self, valid: int, *, own_transaction: bool) -> None:
        # Inside a caller's transaction the DDL could meet its pending deferred checks: no bulk load.
        self.wanted = own_transaction and valid >= BULK_FROM
        self.indexes: list[str] = []
        self.constraints: list[str] = []
        self.valid = valid
        self.empty = False

    @property
    def restore(self) -> list[str]:
        return self.indexes + self.constraints

    def __enter__(self) -> BulkLoad:
        if not self.wanted:
            return self
        # Only the archive: an import adds audit entries only for the records it changes.
        table = ArchiveRecord._meta.db_table
        with connection.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT %s) t", [self.valid])  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
            count = cur.fetchone()[0]
            if count >= self.valid:
                return self
            kinds = ["f"]
            if count == 0:
                self.empty = True
                kinds.append("u")
            cur.execute(
                "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid = %s::regclass AND contype = ANY(%s) ORDER BY contype DESC",
                [table, kinds],
            )
            for name, _kind, definition in cur.fetchall():  # unique ones first: FKs may use them
                cur.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_q(name)}")
                self.constraints.append(f"ALTER TABLE {table} ADD CONSTRAINT {_q(name)} {definition}")
            cur.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                " WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT x.indisunique",
                [table],
            )
            for name, definition in cur.fetchall():
                cur.execute(f"DROP INDEX {_q(name)}")
                self.indexes.append(definition)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            return  # the transaction rolls the drops back
        with connection.cursor() as cur:
            for statement in self.restore:
                cur.execute(statement)


ANALYSE_FROM = 10_000  # records written before the import refreshes the statistics itself


def analyse() -> None:
    """Fresh statistics for the tables a big import changed (after commit)."""
    tables = [ArchiveRecord._meta.db_table, NameSpelling._meta.db_table, SpellingKey._meta.db_table]
    with connection.cursor() as cur:
        for table in tables:
            cur.execute(f"ANALYZE {table}")
