"""Matching benchmark: recall and speed on generated records, beside a pg_trgm baseline.

    python bench/matching.py [--records 600000] [--inquiries 2000] [--seed 1] [--data DIR]

Generates `--records` archive records with `generate_archive` (kept under var/bench/ for the next
run), imports them into a PostgreSQL database of its own, then matches `--inquiries` inquiries
and prints recall@1 and recall@10 (with and without a reading), p50/p95 ms per inquiry and peak
memory, and the same figures for the baseline: a pg_trgm nearest-neighbour query (GiST, `<->`) on
the Polivanov spelling of the reading. A miss counts only where the inquiry's facts can tell the
person apart from namesakes (`distinguishable` in truth.csv); a hit is any card of the person in
the candidate (the card that leads it or one grouped under it).
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import time
from pathlib import Path

from _setup import ROOT, django_on_postgres, percentile


def load(data: Path, records: int, seed: int) -> tuple[list[dict], dict[str, dict]]:
    from django.core.management import call_command

    from archive.importing import import_csv
    from archive.models import ArchiveRecord

    if not (data / "archive.csv").exists():
        started = time.perf_counter()
        call_command(
            "generate_archive", records=records, seed=seed, out=str(data), inquiries=max(3000, records // 100)
        )
        print(f"generated {records:,} records in {time.perf_counter() - started:.1f} s")
    with open(data / "archive.csv", encoding="utf-8") as fh:
        lines = sum(1 for _ in fh) - 1
        fh.seek(0)
        first = next(csv.DictReader(fh))["source_id"]
    if (
        not ArchiveRecord.objects.filter(source_id=first).exists()
        or ArchiveRecord.objects.count() < 0.9 * lines
    ):
        from django.db import connection

        with connection.cursor() as cursor:  # another data set: start from an empty archive
            cursor.execute("DROP TABLE IF EXISTS bench_trgm")
            cursor.execute(
                "TRUNCATE archive_archiverecord, archive_spellingkey, archive_namespelling CASCADE"
            )
        started = time.perf_counter()
        batch = import_csv(data / "archive.csv", skip_invalid=True)
        assert batch.state == "done", batch.errors[:5]
        print(
            f"imported {batch.created:,} records in {time.perf_counter() - started:.1f} s; {batch.rejected} rejected"
        )
    with open(data / "inquiries.csv", encoding="utf-8") as fh:
        inquiries = list(csv.DictReader(fh))
    with open(data / "truth.csv", encoding="utf-8") as fh:
        truth = {row["ref"]: row for row in csv.DictReader(fh)}
    return inquiries, truth


def polivanov_query(row: dict) -> str:
    from archive.matching import facts_from_row
    from archive.names import kana_to_cyrillic

    facts = facts_from_row(row)
    parts = []
    for part in ("surname", "given"):
        readings = facts.readings(part)
        if readings:
            parts.append(kana_to_cyrillic(readings[0][0]))
    return " ".join(parts).lower()


def prepare_baseline() -> None:
    from django.db import connection

    from archive.names import kana_to_cyrillic

    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("SELECT to_regclass('bench_trgm')")
        if cursor.fetchone()[0]:
            return
        cursor.execute("CREATE TABLE bench_trgm (source_id text, name text)")
        cursor.execute(
            "INSERT INTO bench_trgm SELECT source_id, lower(surname_cyr || ' ' || given_name_cyr) "
            "FROM archive_archiverecord WHERE surname_cyr <> '' OR given_name_cyr <> ''"
        )
        cursor.execute(
            "SELECT source_id, surname_kana, given_name_kana FROM archive_archiverecord "
            "WHERE surname_cyr = '' AND given_name_cyr = ''"
        )
        kana_rows = [
            (sid, f"{kana_to_cyrillic(s)} {kana_to_cyrillic(g)}".lower()) for sid, s, g in cursor.fetchall()
        ]
        cursor.executemany("INSERT INTO bench_trgm VALUES (%s, %s)", kana_rows)
        cursor.execute("CREATE INDEX bench_trgm_gist ON bench_trgm USING gist (name gist_trgm_ops)")
        cursor.execute("ANALYZE bench_trgm")


def run(inquiries: list[dict], truth: dict[str, dict], method) -> dict:
    hits = {True: [0, 0, 0], False: [0, 0, 0]}  # with reading → [count, @1, @10]
    timings = []
    for row in inquiries:
        expected = set(truth[row["ref"]]["source_ids"].split())
        has_reading = bool(row["surname_kana"] or row["given_name_kana"])
        started = time.perf_counter()
        groups = method(row)
        timings.append((time.perf_counter() - started) * 1000)
        if truth[row["ref"]].get("distinguishable", "1") != "1":
            continue
        tally = hits[has_reading]
        tally[0] += 1
        tally[1] += bool(groups and groups[0] & expected)
        tally[2] += any(group & expected for group in groups[:10])
    return {"hits": hits, "p50": percentile(timings, 0.5), "p95": percentile(timings, 0.95)}


def ours(row: dict) -> list[set[str]]:
    from archive.matching import facts_from_row, match

    return [{card.record.source_id for card in c.cards} for c in match(facts_from_row(row), top=10)]


def baseline(row: dict) -> list[set[str]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT source_id FROM bench_trgm ORDER BY name <-> %s LIMIT 10", [polivanov_query(row)]
        )
        return [{sid} for (sid,) in cursor.fetchall()]


def report(name: str, result: dict) -> None:
    for has_reading, label in ((True, "with reading"), (False, "without reading")):
        count, at1, at10 = result["hits"][has_reading]
        if count:
            print(
                f"  {name:<10} {label:<16} n={count:<5} recall@1 {at1 / count:.3f}  recall@10 {at10 / count:.3f}"
            )
    print(f"  {name:<10} p50 {result['p50']:.1f} ms  p95 {result['p95']:.1f} ms per inquiry")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=600_000)
    parser.add_argument("--inquiries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    # Production settings: no query log (DEBUG keeps every SQL statement in memory).
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    django_on_postgres("bench_matching")
    data = args.data or ROOT / "var" / "bench" / f"matching-{args.records}-{args.seed}"
    inquiries, truth = load(data, args.records, args.seed)
    inquiries = inquiries[: args.inquiries]
    from archive.matching.index import spelling_index

    started = time.perf_counter()
    index = spelling_index()
    print(f"spelling index: {len(index.readings):,} spellings, {len(index.by_key):,} keys, "
          f"built in {time.perf_counter() - started:.1f} s")  # fmt: skip
    result = run(inquiries, truth, ours)
    peak_ours = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    prepare_baseline()
    base = run(inquiries, truth, baseline)
    print(f"\n{len(inquiries):,} inquiries against {args.records:,} records (PostgreSQL)")
    report("ours", result)
    report("pg_trgm", base)
    print(f"  peak memory (process RSS) after our run: {peak_ours:.0f} MB")


if __name__ == "__main__":
    main()
