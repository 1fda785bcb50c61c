"""Time the staff admin pages on PostgreSQL with a realistic amount of data.

    .venv/bin/python bench/admin.py [--records 600000] [--inquiries 50000] [--requests 30] [--rebuild]

Uses DATABASE_URL or a database of its own (bench_admin), creates 600,000 archive records and
50,000 inquiries with events and candidates by bulk SQL (once; --rebuild starts over), then asks
every queue filter, the case page, the archive and candidate lists ~30 times each with the Django
test client as a logged-in staff member, and prints p50/p95 milliseconds and queries per page.
Goal: p95 <= 300 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import django_on_postgres, percentile

SURNAMES = [("佐藤", "サトウ", "Сато"), ("鈴木", "スズキ", "Судзуки"), ("高橋", "タカハシ", "Такахаси"),
            ("田中", "タナカ", "Танака"), ("渡辺", "ワタナベ", "Ватанабэ"), ("伊藤", "イトウ", "Ито")]  # fmt: skip
GIVEN = [("信一", "シンイチ", "Синъити"), ("一郎", "イチロウ", "Итиро"), ("和夫", "カズオ", "Кадзуо"),
         ("敬二", "ケイジ", "Кэйдзи"), ("清", "キヨシ", "Киёси")]  # fmt: skip


def _array(values) -> str:
    return "ARRAY[" + ",".join(f"'{v}'" for v in values) + "]"


def _pick(values, n_expr: str) -> str:
    return f"({_array(values)})[1 + ({n_expr}) % {len(values)}]"


_FILL = {"boolean": "false", "character varying": "''", "text": "''", "integer": "0", "smallint": "0",
         "bigint": "0", "jsonb": "'{}'::jsonb", "timestamp with time zone": "now()", "double precision": "0"}  # fmt: skip


def insert(cur, table: str, columns: str, select: str) -> None:
    """INSERT … SELECT, filling any other NOT NULL column (added by a later migration) with a blank."""
    given = {c.strip() for c in columns.split(",")}
    cur.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
        "AND is_nullable = 'NO' AND column_default IS NULL AND column_name <> 'id'",
        [table],
    )
    extra = [(name, _FILL[kind]) for name, kind in cur.fetchall() if name not in given]
    names = ", ".join([columns, *(n for n, _ in extra)])
    head, _sep, tail = select.rpartition("\n            FROM ")
    values = ", ".join([head, *(v for _, v in extra)])
    cur.execute(f"INSERT INTO {table} ({names}) {values} FROM {tail}")


def build(records: int, inquiries: int) -> None:
    from django.db import connection, transaction

    s_kanji, s_kana, s_cyr = zip(*SURNAMES, strict=True)
    g_kanji, g_kana, g_cyr = zip(*GIVEN, strict=True)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "TRUNCATE archive_archiverecord, archive_camp, archive_burialsite, "
            "inquiries_inquiry, inquiries_inquiryevent, inquiries_candidatematch, audit_auditentry CASCADE"
        )
        cur.execute("INSERT INTO archive_camp (name, region) SELECT 'Лагерь №' || n, 'Регион ' || (n % 12) "
                    "FROM generate_series(1, 60) n")  # fmt: skip
        cur.execute("INSERT INTO archive_burialsite (name, region, cemetery_number, location, collection_status) "
                    "SELECT 'Кладбище №' || n, 'Регион ' || (n % 12), n::text, '', 'unknown' "
                    "FROM generate_series(1, 40) n")  # fmt: skip
        insert(
            cur,
            "archive_archiverecord",
            """source_id, document_type, surname_cyr, given_name_cyr,
              patronymic_cyr, surname_kana, given_name_kana, birth_year, birthplace_cyr, rank_cyr, unit_cyr,
              camp_id, region, death_year, death_month, death_day, death_cause, burial_site_id, grave_no,
              archive_ref, prefecture, surname_reading, given_name_reading, romaji, imported_at""",
            f"""
            SELECT 'B-' || lpad(n::text, 7, '0'), 'registration_card', {_pick(s_cyr, "n")},
              {_pick(g_cyr, "n / 7")}, '', '', '', 1895 + n % 32, 'преф. Ниигата', 'рядовой', '107 дивизия',
              (SELECT min(id) FROM archive_camp) + n % 60, 'Регион ' || (n % 12),
              CASE WHEN n % 10 = 0 THEN 1946 END, CASE WHEN n % 10 = 0 THEN 1 + n % 12 END, NULL, '',
              CASE WHEN n % 10 = 0 THEN (SELECT min(id) FROM archive_burialsite) + n % 40 END, '',
              'ГАРФ ф.9401 оп.1 д.' || n, lpad((1 + n % 47)::text, 2, '0'), {_pick(s_kana, "n")},
              {_pick(g_kana, "n / 7")}, '', now()
            FROM generate_series(1, {records}) n""",  # nosec B608 # the benchmark's own numbers and names from its own lists, no outside input
        )  # fmt: skip
        insert(
            cur,
            "inquiries_inquiry",
            """reference, status, channel, created_at, updated_at, moved_at,
              submission_key, tracking_token_hash, priority, applicant_surname, applicant_given_name,
              applicant_surname_kana, applicant_given_name_kana, applicant_birth_year, relationship,
              relationship_other, is_proxy, postal_code, address, phone, email, preferred_contact, language,
              consent, surname_kanji, given_name_kanji, surname_kana, given_name_kana, reading_unknown,
              other_names, birth_year, birthplace, birthplace_detail, unit, rank, capture_date, capture_place,
              last_known_place, family_knowledge""",
            f"""
            SELECT 'B-' || lpad(n::text, 6, '0'),
              (ARRAY['received','triage','searching','awaiting_family','match_proposed','identified',
                     'no_record','answered','closed','withdrawn'])[1 + n % 10],
              (ARRAY['web','web','web','post','phone'])[1 + n % 5],
              now() - (n % 1000) * interval '1 day', now(), now() - (n % 400) * interval '1 day',
              'bench-' || n, md5(n::text),
              20000 - ((now() - (n % 1000) * interval '1 day')::date - date '2000-01-01') + 7 * (2000 - (1930 + n % 40)), '佐藤', '花子', 'サトウ', 'ハナコ', 1930 + n % 40, 'child', '',
              false, '950-0001', '新潟県新潟市', '025-000-0000', '', 'post', 'ja', true,
              {_pick(s_kanji, "n")}, {_pick(g_kanji, "n / 6")}, {_pick(s_kana, "n")}, {_pick(g_kana, "n / 6")},
              false, '', 1895 + n % 32, lpad((1 + n % 47)::text, 2, '0'), '', '', '', '', '', '', ''
            FROM generate_series(1, {inquiries}) n""",  # nosec B608 # the benchmark's own numbers and names from its own lists, no outside input
        )  # fmt: skip
        insert(
            cur,
            "inquiries_inquiryevent",
            """inquiry_id, actor_id, created_at, from_status, to_status, note,
              visible_to_family""",
            """
            SELECT i.id, NULL, i.created_at + k * interval '1 hour', CASE WHEN k = 0 THEN '' ELSE 'received' END,
              CASE WHEN k = 0 THEN 'received' ELSE i.status END, 'bench', true
            FROM inquiries_inquiry i CROSS JOIN generate_series(0, 2) k""",
        )  # fmt: skip
        insert(
            cur,
            "inquiries_candidatematch",
            """inquiry_id, record_id, also, score, band, explanation, status,
              flagged, note, created_at, updated_at""",
            f"""
            SELECT i.id, (SELECT min(id) FROM archive_archiverecord) + (i.id * 7 + k * 1009) % {records},
              '[]'::jsonb, 0.9 - k * 0.1, (ARRAY['likely','possible','unlikely'])[1 + k],
              '{{"reasons": ["姓の読みが一致", "生年が一致"], "fields": {{}}}}'::jsonb, 'suggested', false, '',
              now(), now()
            FROM inquiries_inquiry i CROSS JOIN generate_series(0, 2) k""",  # nosec B608 # the benchmark's own numbers and names from its own lists, no outside input
        )  # fmt: skip
        cur.execute("ANALYZE")
    print(f"built {records:,} records and {inquiries:,} inquiries in {time.perf_counter() - started:.1f} s")


def staff_user():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from inquiries.roles import INTAKE, MATCHING, VERIFIER, sync_role_groups

    sync_role_groups()
    user, _ = get_user_model().objects.get_or_create(username="bench-staff", defaults={"is_staff": True})
    user.groups.set(Group.objects.filter(name__in=[INTAKE.group, MATCHING.group, VERIFIER.group]))
    return user


def pages(user) -> dict[str, object]:
    from django.urls import reverse

    from inquiries.models import CandidateMatch, Inquiry

    ids = list(Inquiry.objects.order_by("?").values_list("pk", flat=True)[:200])
    candidates = list(CandidateMatch.objects.order_by("?").values_list("pk", flat=True)[:200])
    Inquiry.objects.filter(pk__in=ids[:100]).update(assignee=user)
    queue = reverse("admin:inquiries_inquiry_changelist")
    return {
        "queue (oldest first)": lambda: queue,
        "queue: mine": lambda: queue + "?who=mine",
        "queue: unassigned": lambda: queue + "?who=unassigned",
        "queue: open": lambda: queue + "?open=yes",
        "queue: status searching": lambda: queue + "?status__exact=searching",
        "queue: overdue": lambda: queue + "?overdue=yes",
        "queue: prefecture 15": lambda: queue + "?pref=15",
        "queue: channel post": lambda: queue + "?channel__exact=post",
        "queue: by priority": lambda: queue + "?o=-9",
        "queue: search reference": lambda: queue + "?q=B-012345",
        "inquiry page": lambda: reverse("admin:inquiries_inquiry_change", args=[random.choice(ids)]),
        "archive records": lambda: reverse("admin:archive_archiverecord_changelist"),
        "archive records: page 500": lambda: reverse("admin:archive_archiverecord_changelist") + "?p=500",
        "candidates": lambda: reverse("admin:inquiries_candidatematch_changelist"),
        "candidates: proposed": lambda: reverse("admin:inquiries_candidatematch_changelist") + "?status__exact=suggested",
        "candidate page": lambda: reverse("admin:inquiries_candidatematch_change", args=[random.choice(candidates)]),
        "audit trail": lambda: reverse("admin:audit_auditentry_changelist"),
        "admin index (dashboard)": lambda: reverse("admin:index"),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=600_000)
    parser.add_argument("--inquiries", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    django_on_postgres("bench_admin")

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from archive.models import ArchiveRecord
    from inquiries.models import Inquiry

    if (
        args.rebuild
        or ArchiveRecord.objects.count() < args.records
        or Inquiry.objects.count() < args.inquiries
    ):
        build(args.records, args.inquiries)
    settings.DEBUG = False
    user = staff_user()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    random.seed(1)
    print(f"{'page':32s} {'p50 ms':>8s} {'p95 ms':>8s} {'queries':>8s}")
    worst = 0.0
    for name, url in pages(user).items():
        for _ in range(3):
            client.get(url())
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url())
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{name}: HTTP {response.status_code}")
        p95 = percentile(times, 0.95)
        worst = max(worst, p95)
        print(f"{name:32s} {statistics.median(times):8.1f} {p95:8.1f} {len(queries):8d}")
    print(f"worst p95: {worst:.1f} ms (goal 300 ms)")


if __name__ == "__main__":
    main()
