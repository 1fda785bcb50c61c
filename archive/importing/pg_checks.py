"""PostgreSQL path, second step: find the bad records of the raw table with set-based queries.

SQL selects the suspect records in one scan: every rule of validation.RowChecker is written as
a condition that is true for every record the checker would refuse (and sometimes for one it
would accept). Only the suspects go through RowChecker itself, so the problems, their order and
their wording are exactly those of the SQLite path, from one set of rules. Name values are
checked once per distinct value, in Python, with the checker's own functions.
"""

from __future__ import annotations

from django.db import connection

from .columns import BIRTH_YEARS, DEATH_YEARS, DOCUMENT_TYPES, MAX_LENGTH
from .pg_copy import RAW, q
from .validation import STRIP, Problem, RowChecker

CYR_COLUMNS = ("surname_cyr", "given_name_cyr", "patronymic_cyr")
KANA_COLUMNS = ("surname_kana", "given_name_kana")
REJECTED = "archive_import_rejected"
_STRIP_SQL = "E'" + STRIP.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n") + "'"
_DATE = "^([0-9]{4})(-([0-9]{1,2})(-([0-9]{1,2}))?)?$"


def value(columns: list[str], name: str, table: str = "r") -> str:
    """SQL for the stripped value of a column ('' when the file has no such column)."""
    if name not in columns:
        return "''"
    return f"btrim(coalesce({table}.{q(name)}, ''), {_STRIP_SQL})"


def distinct_values(columns: list[str], names: tuple[str, ...], where: str = "") -> set[str]:
    present = [n for n in names if n in columns]
    if not present:
        return set()
    parts = [f"SELECT {value(columns, n)} FROM {RAW} r {where}" for n in present]
    with connection.cursor() as cur:
        cur.execute(" UNION ".join(parts))
        return {v for (v,) in cur.fetchall() if v}


def _suspect_sql(columns: list[str]) -> str:
    v = {name: value(columns, name) for name in [*MAX_LENGTH]}
    conds = [f"char_length({v[c]}) > {MAX_LENGTH[c]}" for c in columns]
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
    sid = v["source_id"]
    conds.append(
        f"{sid} IN (SELECT {value(columns, 'source_id', 'd')} FROM {RAW} d GROUP BY 1 HAVING count(*) > 1)"
    )
    return f"SELECT line, {', '.join(f'coalesce(r.{q(c)}, {chr(39)}{chr(39)})' for c in columns)}" + (
        f" FROM {RAW} r WHERE {' OR '.join(conds)} ORDER BY line"
    )


def bad_names(columns: list[str], checker: RowChecker) -> dict[str, list[str]]:
    """The distinct name values the checker refuses, by column (usually none)."""
    cyr = distinct_values(columns, CYR_COLUMNS)
    kana = distinct_values(columns, KANA_COLUMNS)
    bad_cyr = sorted(x for x in cyr if checker.cyrillic(x) is None)
    bad_kana = sorted(x for x in kana if checker.kana(x) is None)
    return {
        **{f"bad_{c}": bad_cyr for c in CYR_COLUMNS},
        **{f"bad_{c}": bad_kana for c in KANA_COLUMNS},
    }


def check(columns: list[str]) -> tuple[list[Problem], list[tuple[int, list[str], list[Problem]]]]:
    """(problems, rejected records) of the raw table; also fills the table of rejected lines."""
    checker = RowChecker(columns)
    params = bad_names(columns, checker)
    problems: list[Problem] = []
    rejected: list[tuple[int, list[str], list[Problem]]] = []
    with connection.cursor() as cur:
        cur.execute(_suspect_sql(columns), params)
        for line, *fields in cur.fetchall():
            _row, found = checker.check(line, fields)
            if found:
                problems.extend(found)
                rejected.append((line, fields, found))
        cur.execute(f"DROP TABLE IF EXISTS {REJECTED}")
        cur.execute(f"CREATE TEMPORARY TABLE {REJECTED} (line bigint PRIMARY KEY)")
        if rejected:
            with cur.cursor.copy(f"COPY {REJECTED} (line) FROM STDIN") as copy:
                for line, _f, _p in rejected:
                    copy.write_row((line,))
            cur.execute(f"ANALYZE {REJECTED}")
    return problems, rejected


def valid_rows(alias: str = "r") -> str:
    """SQL condition: the record was not rejected."""
    return f"NOT EXISTS (SELECT 1 FROM {REJECTED} x WHERE x.line = {alias}.line)"
