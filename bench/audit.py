"""How fast the trail answers "whose cases did account U open between T1 and T2" on 1,000,000 entries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_audit .venv/bin/python bench/audit.py \
        [--rows 1000000] [--accounts 50] [--runs 9] [--rebuild]

Fills the trail once (COPY; --rebuild starts over) with entries as a busy office leaves them over two
years: 50 staff accounts, 100,000 cases, three entries in five reads (viewed, downloaded, printed),
the rest changes, creations and exports. Then asks audit.queries.opened_by for one account over one
month, one year and the whole two years, prints the median and slowest of --runs runs for each, and
PostgreSQL's plan for the year (EXPLAIN ANALYZE), which reads the index (actor, action, created_at).
Goal: < 1 s.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import django_on_postgres

START = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
SPAN = datetime.timedelta(days=730)
CASES = 100_000
ACTIONS = [
    ("viewed", 52),
    ("downloaded", 5),
    ("printed", 3),
    ("changed", 30),
    ("created", 8),
    ("exported", 2),
]
NAMES = ["佐藤 信一", "鈴木 一郎", "高橋 和夫", "田中 敬二", "渡辺 清", "伊藤 正雄"]


def accounts(n: int) -> list:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return [
        User.objects.get_or_create(username=f"bench-{i:02d}", defaults={"is_staff": True})[0]
        for i in range(n)
    ]


def fill(rows: int, staff: list, seed: int = 15) -> float:
    """COPY `rows` entries into the trail; the seconds it took."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from audit.models import AuditEntry
    from inquiries.models import Inquiry

    ct = ContentType.objects.get_for_model(Inquiry).pk
    rnd = random.Random(seed)
    actions = [a for a, weight in ACTIONS for _ in range(weight)]
    seconds = SPAN.total_seconds()
    columns = (
        "content_type_id, object_id, object_repr, action, changes, actor_id, actor_name, reason, created_at"
    )
    began = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {AuditEntry._meta.db_table} ({columns}) FROM STDIN") as copy:
            for _ in range(rows):
                user = rnd.choice(staff)
                action = rnd.choice(actions)
                case = rnd.randrange(1, CASES + 1)
                changes = {"page": "case"} if action == "viewed" else {"status": ["searching", "no_record"]}
                when = START + datetime.timedelta(seconds=rnd.random() * seconds)
                exported = action == "exported"
                copy.write_row(
                    (
                        ct,
                        "" if exported else str(case),
                        f"R7-{case:06d} {rnd.choice(NAMES)}",
                        action,
                        json.dumps(changes),
                        user.pk,
                        user.username,
                        "",
                        when,
                    )  # fmt: skip
                )
        cursor.execute(f"ANALYZE {AuditEntry._meta.db_table}")
    return time.perf_counter() - began


def timed(call, runs: int) -> tuple[float, float, int]:
    times, found = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        found = len(call())
        times.append(time.perf_counter() - began)
    return statistics.median(times), max(times), found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    django_on_postgres("bench_audit")
    from django.db import connection

    from audit.models import AuditEntry
    from audit.queries import opened, opened_by, reads
    from inquiries.models import Inquiry

    staff = accounts(args.accounts)
    with connection.cursor() as cursor:
        if args.rebuild:
            cursor.execute(f"TRUNCATE {AuditEntry._meta.db_table}")
        cursor.execute(f"SELECT count(*) FROM {AuditEntry._meta.db_table}")  # nosec B608 # the model's table name
        have = cursor.fetchone()[0]
    if have < args.rows:
        print(f"filling the trail: {args.rows - have:,} entries ...", flush=True)
        print(f"  {fill(args.rows - have, staff):.1f} s")
    total = AuditEntry.objects.count()
    print(f"{total:,} audit entries, {args.accounts} accounts, PostgreSQL {connection.pg_version}")

    user = staff[7]
    periods = {
        "one month": (START + datetime.timedelta(days=300), START + datetime.timedelta(days=331)),
        "one year": (START + datetime.timedelta(days=200), START + datetime.timedelta(days=565)),
        "two years": (START, START + SPAN),
    }
    print(f"opened_by(account {user.username}, T1, T2), {args.runs} runs each:")
    for label, (t1, t2) in periods.items():
        entries = reads(user.pk, t1, t2, model=Inquiry).count()
        median, slowest, cases = timed(
            lambda t1=t1, t2=t2: opened_by(user.pk, t1, t2, model=Inquiry), args.runs
        )
        print(
            f"  {label:9}: {cases:6,} cases from {entries:6,} entries — "
            f"median {median * 1000:7.1f} ms, slowest {slowest * 1000:7.1f} ms"
        )
    t1, t2 = periods["one year"]
    sql, params = opened(user.pk, t1, t2, model=Inquiry).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    print("EXPLAIN ANALYZE (one year):")
    print("\n".join("  " + line for line in plan))
    uses_index = any("audit_actor_action" in line for line in plan)
    print(f"index audit_actor_action used: {'yes' if uses_index else 'NO'}")


if __name__ == "__main__":
    main()
