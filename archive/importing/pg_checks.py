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
# What the derivation beside the import starts from, listed first; then the rest.
DERIVED_FROM = ("surname_cyr", "given_name_cyr", "surname_kana", "given_name_kana", "birthplace_cyr")
# Listed by profile_derived: the birthplaces, then the names with the camps and burial sites
# (all the import writes before the records); check_records lists the rest.
_DERIVED_STEPS = (
    ("birthplace_cyr",),
    (*(c for c in DERIVED_FROM if c != "birthplace_cyr"), "camp", "burial_site"),
)
CHECKED_ONLY = tuple(c for c in PROFILED if c not in {c for step in _DERIVED_STEPS for c in step})
# Spaces around a value: the profiled columns are looked at per distinct value, in Python; these
# three make a record a suspect anyway (their conditions below accept no space); the rest per record.
_SPACES_SUSPECT = ("birth_year", "death_date", "document_type")
_DATE = "^([0-9]{4})(-([0-9]{1,2})(-([0-9]{1,2}))?)?$"


def column(columns: list[str], name: str, table: str = "r") -> str:
    """SQL for a column of the raw table, stripped by strip_values() ('' when the file has no such column)."""
    return f"{table}.{q(name)}" if name in columns else "''"


def _needs_strip(columns: list[str], table: str = "r") -> str:
    # btrim per value measured faster than one regular expression over the joined record.
    cols = [f"{table}.{q(c)}" for c in columns]
    return "(" + " OR ".join(f"btrim({c}, {_STRIP_SQL}) <> {c}" for c in cols) + ")"


def profile(
    columns: list[str], where: str = "", of: tuple[str, ...] = PROFILED, repeats: bool = False
) -> tuple[dict[str, dict[str, int]], list[str]]:
    """({column: {distinct non-empty value: its first line}} of the columns `of`, and with
    `repeats` the source ids that occur more than once), in one scan."""
    present = [c for c in of if c in columns]
    keys = [*present, "source_id"] if repeats else present
    out: dict[str, dict[str, int]] = {c: {} for c in of}
    repeated: list[str] = []
    if not keys:
        return out, repeated
    exprs = [column(columns, c) for c in keys]
    sets = ", ".join(f"({e})" for e in exprs)
    # GROUPING() sets a bit for each key a row is not grouped by: all but the one of its set.
    full = (1 << len(keys)) - 1
    by_mask = {full ^ (1 << (len(keys) - 1 - i)): key for i, key in enumerate(keys)}
    having = f" HAVING GROUPING({exprs[-1]}) = 1 OR count(*) > 1" if repeats else ""
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT GROUPING({', '.join(exprs)}), coalesce({', '.join(exprs)}), min(line)"  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
            f" FROM {RAW} r {where} GROUP BY GROUPING SETS ({sets}){having}"
        )
        for mask, value, line in cur.fetchall():
            key = by_mask[mask]
            if repeats and key == "source_id":
                repeated.append(value)
            elif value:
                out[key][value] = line
    return out, repeated


def strip_values(columns: list[str]) -> None:
    """Strip spaces around every value in place, keeping the records as written in ORIGINAL
    (the rejects file shows a refused record as it was)."""
    cols = [q(c) for c in columns]
    sets = ", ".join(f"{c} = btrim(s.{c}, {_STRIP_SQL})" for c in cols)
    with connection.cursor() as cur:
        cur.execute(
            f"""WITH s AS MATERIALIZED (SELECT * FROM {RAW} r WHERE {_needs_strip(columns)}),
            o AS (INSERT INTO {ORIGINAL} SELECT * FROM s)
            UPDATE {RAW} r SET {sets} FROM s WHERE r.line = s.line"""  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
        )


def _suspect_sql(columns: list[str], *, repeats: bool, spaces: bool = False, stripped: bool = False) -> str:
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
    joins = ""
    if repeats:  # every record of a source_id that occurs twice: the checker names the earlier line
        joins = f" LEFT JOIN unnest(%(repeated)s::text[]) AS d(sid) ON d.sid = {v['source_id']}"
        conds.append("d.sid IS NOT NULL")
    if spaces:
        conds.append(_needs_strip([c for c in columns if c not in PROFILED and c not in _SPACES_SUSPECT]))
    if stripped:  # the records as written, for the rejects file
        joins += f" LEFT JOIN {ORIGINAL} o ON o.line = r.line"
        fields = ", ".join(f"coalesce(o.{q(c)}, r.{q(c)})" for c in columns)
    else:
        fields = ", ".join(f"r.{q(c)}" for c in columns)
    # Without a join the condition filters the scan itself (measured: half the time of a
    # filter applied at a join node, which every record passes through).
    return f"SELECT r.line, {fields} FROM {RAW} r{joins} WHERE {' OR '.join(conds)} ORDER BY r.line"  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters


def bad_names(found: dict[str, dict[str, int]], checker: RowChecker) -> dict[str, list[str]]:
    """The distinct name values the checker refuses, by column (usually none)."""
    bad = {f"bad_{c}": sorted(x for x in found[c] if checker.cyrillic(x) is None) for c in CYR_COLUMNS}
    bad.update({f"bad_{c}": sorted(x for x in found[c] if checker.kana(x) is None) for c in KANA_COLUMNS})
    return bad


def _has_spaces(found: dict[str, dict[str, int]], rows) -> bool:
    """Whether a profiled value or a field of the suspects has spaces around it."""
    return any(v != v.strip(STRIP) for values in found.values() for v in values) or any(
        f != f.strip(STRIP) for _line, *fields in rows for f in fields
    )


def profile_derived(columns: list[str], profiled=None) -> dict[str, dict[str, int]]:
    """The profile of the columns the records derive from, and of the camps and burial sites.
    `profiled(found, columns)` is called
    as soon as each step is known, first the birthplaces, then with the names too (values with
    spaces around them are listed as written), so their derivation can start at once."""
    found: dict[str, dict[str, int]] = {}
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL work_mem = '256MB'")
        for step in _DERIVED_STEPS:  # the birthplaces' workers start while the names are listed
            found.update(profile(columns, of=step)[0])
            if profiled is not None:
                profiled(found, columns)
    return found


def check_records(columns: list[str], derived, *, shared: bool = False):
    """(problems, rejected records, profile of the other columns, stripped) of the raw table;
    also fills the table of rejected lines (shared: a table other connections can read).

    `derived()` gives profile_derived's result (the names it lists are checked here); when
    values had spaces around them they are stripped and the profile returned is the whole one.
    """
    checker = RowChecker(columns)
    problems: list[Problem] = []
    rejected: list[tuple[int, list[str], list[Problem]]] = []
    stripped = False
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL work_mem = '256MB'")
        cur.execute(f"DROP TABLE IF EXISTS {ORIGINAL}")
        cur.execute(f"CREATE TEMPORARY TABLE {ORIGINAL} AS SELECT * FROM {RAW} WITH NO DATA")  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
        found, repeated = profile(columns, of=CHECKED_ONLY, repeats=True)
        everything = {**derived(), **found}
        # The first pass also selects the records with spaces around a value (usually none):
        # if there are any, every value is stripped and the records are looked at again.
        sql = _suspect_sql(columns, repeats=bool(repeated), spaces=True)
        cur.execute(sql, {**bad_names(everything, checker), "repeated": repeated})
        suspects = cur.fetchall()
        if _has_spaces(everything, suspects):
            strip_values(columns)
            stripped = True
            found, repeated = profile(columns, repeats=True)
            sql = _suspect_sql(columns, repeats=bool(repeated), stripped=True)
            cur.execute(sql, {**bad_names(found, checker), "repeated": repeated})
            suspects = cur.fetchall()
        for line, *fields in suspects:
            _row, row_problems = checker.check(line, fields)
            if row_problems:
                problems.extend(row_problems)
                rejected.append((line, fields, row_problems))
        cur.execute(f"DROP TABLE IF EXISTS {REJECTED}")
        kind = "UNLOGGED" if shared else "TEMPORARY"
        cur.execute(f"CREATE {kind} TABLE {REJECTED} (line bigint PRIMARY KEY)")
        if rejected:
            with cur.cursor.copy(f"COPY {REJECTED} (line) FROM STDIN") as copy:
                for line, _f, _p in rejected:
                    copy.write_row((line,))
            cur.execute(f"ANALYZE {REJECTED}")
    return problems, rejected, found, stripped


def whole_profile(derived: dict, rest: dict, stripped: bool) -> dict:
    """The profile of every column, from profile_derived's and check_records' `rest` (which is
    the whole one already when values were stripped: it profiled them all again)."""
    return rest if stripped else {**derived, **rest}


def check(columns: list[str], profiled=None):
    """(problems, rejected records, profile) of the raw table, on this connection; also fills
    the table of rejected lines. `profiled`: see profile_derived."""
    found = profile_derived(columns, profiled)
    problems, rejected, rest, stripped = check_records(columns, lambda: found)
    return problems, rejected, whole_profile(found, rest, stripped)


def valid_rows(alias: str = "r") -> str:
    """SQL condition: the record was not rejected."""
    return f"NOT EXISTS (SELECT 1 FROM {REJECTED} x WHERE x.line = {alias}.line)"  # nosec B608 # only the import's own table names and the known columns (read_header refuses any other name), quoted; values go as parameters
