"""Benchmark the archive import on PostgreSQL against a raw COPY of the same file.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_import .venv/bin/python bench/import_archive.py
    ... [--records 600000] [--seed 1] [--file archive.csv]
    ... [--without workers|second-connection|speculative-write]

Without --file it writes a synthetic file with devdata.generator (the generate_archive command's
generator). The database named by DATABASE_URL is EMPTIED of archive records first: use a
database of its own. Prints rows/s, seconds, the ratio to raw COPY, the counts, and the seconds
of each phase of the import (copy, check, spellings, places and camps, merge, indexes, commit,
analyse). The machine may be shared: the load average is printed beside the figures.
--without switches a part of the PostgreSQL import off, to measure what it buys.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")


def _without_workers() -> None:
    """No forked derivation workers: neither beside the import nor in the derivation steps."""
    from archive import spellings
    from archive.importing import prederive

    prederive.PREDERIVE_FROM = spellings.PARALLEL_FROM = 10**12


def _without_second_connection() -> None:
    """Every file checked on the import's one connection, before anything is written (so no
    speculative write either: it needs the second connection)."""
    from archive.importing import pg_shared

    pg_shared.SHARED_FROM = 10**12


def _without_speculative_write() -> None:
    """The records still checked on the second connection, but the import waits for the check's
    outcome before it writes them."""
    from archive.importing import pg_run, pg_shared

    start_check = pg_shared.start_check

    def check_first(shared, columns, profiled=None, *, at_once=False):
        pending = start_check(shared, columns, profiled, at_once=at_once)
        pending.result()  # the check's outcome is known before the write begins
        return pending

    pg_run.pg_shared.start_check = check_first


WITHOUT = {
    "workers": _without_workers,
    "second-connection": _without_second_connection,
    "speculative-write": _without_speculative_write,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=600_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--file", type=Path, help="an existing import file (skips generating one)")
    parser.add_argument(
        "--without",
        choices=sorted(WITHOUT),
        action="append",
        default=[],
        help="switch a part of the PostgreSQL import off, to measure what it buys (may be repeated)",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own, e.g. .../bench_import")

    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from archive.importing import import_csv
    from archive.models import ArchiveRecord
    from audit.models import AuditEntry

    call_command("migrate", verbosity=0)
    records_trail = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(ArchiveRecord))
    for part in args.without:
        WITHOUT[part]()
    if args.without:
        print(f"without: {', '.join(args.without)}")
    path = args.file
    if path is None:
        from devdata.generator import generate

        out = Path(tempfile.mkdtemp(prefix="bench-import-"))
        started = time.perf_counter()
        generate(out, records=args.records, seed=args.seed)
        path = out / "archive.csv"
        print(
            f"generated {path} ({args.records:,} rows, seed {args.seed}) in {time.perf_counter() - started:.1f} s"
        )
    size = path.stat().st_size
    with open(path, encoding="utf-8-sig") as f:
        header = f.readline().strip().split(",")
    rows = sum(1 for _ in open(path, "rb")) - 1
    print(f"file: {rows:,} rows, {size / 1e6:.0f} MB, columns: {len(header)}")

    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_raw_copy")
        cur.execute(f"CREATE TABLE bench_raw_copy ({', '.join(f'{c} text' for c in header)})")
        started = time.perf_counter()
        with (
            open(path, "rb") as f,
            cur.cursor.copy(
                f"COPY bench_raw_copy ({', '.join(header)}) FROM STDIN WITH (FORMAT csv, HEADER true)"
            ) as copy,
        ):
            while chunk := f.read(1 << 20):
                copy.write(chunk)
        raw = time.perf_counter() - started
        cur.execute("DROP TABLE bench_raw_copy")
    print(f"raw COPY into a bare text table:    {raw:6.2f} s  {rows / raw:>10,.0f} rows/s")
    print(f"load average before the imports: {os.getloadavg()[0]:.1f}")

    with connection.cursor() as cur:
        tables = "archive_archiverecord, archive_spellingkey, archive_namespelling"
        cur.execute(f"TRUNCATE {tables}, archive_camp, archive_burialsite CASCADE")
        records_trail.delete()
    for label in ("import into an empty archive", "re-import of the unchanged file"):
        started = time.perf_counter()
        timings: dict[str, float] = {}
        batch = import_csv(path, timings=timings)
        took = time.perf_counter() - started
        print(
            f"{label + ':':35s} {took:6.2f} s  {rows / took:>10,.0f} rows/s  {took / raw:4.1f}x raw COPY  "
            f"state={batch.state} created={batch.created:,} updated={batch.updated:,} "
            f"unchanged={batch.unchanged:,} rejected={batch.rejected:,}"
        )
        phases = "  ".join(f"{phase} {seconds:.2f}" for phase, seconds in timings.items())
        print(f"{'':35s} phases (s): {phases}")
        if batch.state != "done":
            print("errors:", batch.errors[:5])
    print(f"records: {ArchiveRecord.objects.count():,}, their audit entries: {records_trail.count():,}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared with other work)")


if __name__ == "__main__":
    main()
