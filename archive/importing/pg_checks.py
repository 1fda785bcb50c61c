"""PostgreSQL path, second step: find the bad records of the raw table with set-based queries.

SQL selects the suspect records in one scan: every rule of validation.RowChecker is written as
a condition that is true for every record the checker would refuse (and sometimes for one it
would accept). Only the suspects go through RowChecker itself, so the problems, their order and
their wording are exactly those of the SQLite path, from one set of rules. Name values are
checked once per distinct value, in Python, with the checker's own functions.
"""

from __future__ import annotations

from django.db import connection, transaction

from .columns import BIRTH_YEARS, DEATH_YEARS, DOCUMENT_TYPES, MAX_LENGTH
from .pg_copy import RAW, q
from .validation import STRIP, Problem, RowChecker

CYR_COLUMNS = ("surname_cyr", "given_name_cyr", "patronymic_cyr")
KANA_COLUMNS = ("surname_kana", "given_name_kana")
REJECTED = "archive_import_rejected"
ORIGINAL = "archive_import_original"
_STRIP_SQL = "E'" + STRIP.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n") + "'"
PROFILED = (*CYR_COLUMNS, *KANA_COLUMNS, "birthplace_cyr", "camp", "burial_site")
_DATE = "^([0-9]{4})(-([0-9]{1,2})(-([0-9]{1,2}))?)?$"


def column(columns: list[str], name: str, table: str = "r") -> str:
    """SQL for a column of the raw table, stripped by strip_values() ('' when the file has no such column)."""
    return f"{table}.{q(name)}" if name in columns else "''"


def _needs_strip(columns: list[str]) -> str:
    # btrim per value measured faster than one regular expression over the joined record.
    return "(" + " OR ".join(f"btrim({q(c)}, {_STRIP_SQL}) <> {q(c)}" for c in columns) + ")"


def profile(columns: list[str], where: str = "") -> dict[str, dict[str, int]]:
    """{column: {distinct non-empty value: its first line}} of the columns derived from, in one scan."""
    present = [c for c in PROFILED if c in columns]
    exprs = [column(columns, c) for c in present]
    sets = ", ".join(f"({e})" for e in exprs)
    out: dict[str, dict[str, int]] = {c: {} for c in PROFILED}
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {', '.join(exprs)}, min(line) FROM {RAW} r {where} GROUP BY GROUPING SETS ({sets})"
        )
        for *values, line in cur.fetchall():
            i, v = next((i, v) for i, v in enumerate(values) if v is not None)
            if v:
                out[present[i]][v] = line
    return out


def _scan_ids(columns: list[str]) -> tuple[list[int], bool]:
    """In one scan: the hashes of source ids that occur more than once (a rare collision only
    makes two records suspects) and whether any value has spaces around it."""
    sid_hash = f"hashtextextended({column(columns, 'source_id')}, 0)"
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {sid_hash}, count(*) > 1, bool_or({_needs_strip(columns)}) FROM {RAW} r"
            f" GROUP BY 1 HAVING count(*) > 1 OR bool_or({_needs_strip(columns)})"
        )
        rows = cur.fetchall()
    return [h for h, repeated, _ in rows if repeated], any(strip for _, _, strip in rows)


def strip_values(columns: list[str]) -> None:
    """Strip spaces around every value in place, keeping the records as written in ORIGINAL
    (the rejects file shows a refused record as it was)."""
    cols = [q(c) for c in columns]
    sets = ", ".join(f"{c} = btrim(s.{c}, {_STRIP_SQL})" for c in cols)
    with connection.cursor() as cur:
        cur.execute(
            f"""WITH s AS MATERIALIZED (SELECT * FROM {RAW} WHERE {_needs_strip(columns)}),
            o AS (INSERT INTO {ORIGINAL} SELECT * FROM s)
            UPDATE {RAW} r SET {sets} FROM s WHERE r.line = s.line"""
        )


def _suspect_sql(columns: list[str]) -> str:
    v = {name: column(columns, name) for name in [*MAX_LENGTH]}
    # octet_length is free (the stored size) and never less than char_length.
    conds = [
        f"(octet_length({v[c]}) > {MAX_LENGTH[c]} AND char_length({v[c]}) > {MAX_LENGTH[c]})" for c in columns
    ]
    conds.append(f"{v['source_id']} = ''")
    types = ", ".join(f"'{t}'" for t in sorted(DOCUMENT_TYPES))
    conds.append(f"({v['document_type']} <> '' AND {v['document_type']} NOT IN ({types}))")
    conds.append(f"({v['given_name_cyr']} = '' AND {v['given_name_kana']} = '')")
    for c in (*CYR_COLUMNS, *KANA_COLUMNS):
        if c in columns:
            conds.append(f"{v[c]} = ANY(%(bad_{c})s)")
    if "birth_year" in columns:
        b = v["birth_year"]
        lo, hi = BIRTH_YEARS
        conds.append(
            f"({b} <> '' AND CASE WHEN {b} ~ '^[0-9]{{4}}$' THEN {b}::int NOT BETWEEN {lo} AND {hi} ELSE true END)"
        )
    if "death_date" in columns:
        d = v["death_date"]
        y, m, day = (f"nullif(split_part({d}, '-', {i}), '')::int" for i in (1, 2, 3))
        lo, hi = DEATH_YEARS
        last_day = f"extract(day FROM make_date({y}, {m}, 1) + interval '1 month - 1 day')"
        conds.append(
            f"({d} <> '' AND CASE WHEN {d} !~ '{_DATE}' THEN true"
            f" WHEN {y} NOT BETWEEN {lo} AND {hi} THEN true"
            f" WHEN {m} IS NULL THEN false WHEN {m} NOT BETWEEN 1 AND 12 THEN true"
            f" WHEN {day} IS NULL THEN false ELSE {day} NOT BETWEEN 1 AND {last_day} END)"
        )
    # Every record of a source_id that occurs twice: the checker names the earlier line.
    conds.append("d.sid IS NOT NULL")
    as_written = ", ".join(f"coalesce(o.{q(c)}, r.{q(c)})" for c in columns)
    return (
        f"SELECT r.line, {as_written} FROM {RAW} r LEFT JOIN {ORIGINAL} o ON o.line = r.line"
        f" LEFT JOIN unnest(%(repeated)s::bigint[]) AS d(sid) ON d.sid = hashtextextended({v['source_id']}, 0)"
        f" WHERE {' OR '.join(conds)} ORDER BY r.line"
    )


def bad_names(found: dict[str, dict[str, int]], checker: RowChecker) -> dict[str, list[str]]:
    """The distinct name values the checker refuses, by column (usually none)."""
    bad = {f"bad_{c}": sorted(x for x in found[c] if checker.cyrillic(x) is None) for c in CYR_COLUMNS}
    bad.update({f"bad_{c}": sorted(x for x in found[c] if checker.kana(x) is None) for c in KANA_COLUMNS})
    return bad


def check(columns: list[str], profiled=None):
    """(problems, rejected records, profile) of the raw table; also fills the table of rejected lines.

    `profiled(found, columns)` is called with the distinct values as soon as they are known (values
    with spaces around them are listed as written), so their derivation can start while the
    records are checked.
    """
    checker = RowChecker(columns)
    problems: list[Problem] = []
    rejected: list[tuple[int, list[str], list[Problem]]] = []
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL work_mem = '256MB'")
        cur.execute(f"DROP TABLE IF EXISTS {ORIGINAL}")
        cur.execute(f"CREATE TEMPORARY TABLE {ORIGINAL} AS SELECT * FROM {RAW} WITH NO DATA")
        found = profile(columns)
        if profiled is not None:
            profiled(found, columns)
        repeated, needs_strip = _scan_ids(columns)
        if needs_strip:
            strip_values(columns)
            repeated, _ = _scan_ids(columns)
            found = profile(columns)
        cur.execute(_suspect_sql(columns), {**bad_names(found, checker), "repeated": repeated})
        for line, *fields in cur.fetchall():
            _row, row_problems = checker.check(line, fields)
            if row_problems:
                problems.extend(row_problems)
                rejected.append((line, fields, row_problems))
        cur.execute(f"DROP TABLE IF EXISTS {REJECTED}")
        cur.execute(f"CREATE TEMPORARY TABLE {REJECTED} (line bigint PRIMARY KEY)")
        if rejected:
            with cur.cursor.copy(f"COPY {REJECTED} (line) FROM STDIN") as copy:
                for line, _f, _p in rejected:
                    copy.write_row((line,))
            cur.execute(f"ANALYZE {REJECTED}")
    return problems, rejected, found


def valid_rows(alias: str = "r") -> str:
    """SQL condition: the record was not rejected."""
    return f"NOT EXISTS (SELECT 1 FROM {REJECTED} x WHERE x.line = {alias}.line)"
