"""Match a CSV of inquiries against the archive; JSON lines to stdout, timing summary to stderr."""

from __future__ import annotations

import csv
import json
import statistics
import time

from django.core.management.base import BaseCommand, CommandError

from archive.matching import facts_from_row, match

COLUMNS = {
    "ref",
    "surname_kanji",
    "given_name_kanji",
    "surname_kana",
    "given_name_kana",
    "birth_date",
    "birthplace",
    "unit",
}


class Command(BaseCommand):
    help = "Match inquiries (ref, surname_kanji, given_name_kanji, surname_kana, given_name_kana, birth_date, birthplace, unit)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8 with a header row")
        parser.add_argument("--top", type=int, default=10, help="candidates per inquiry (default 10)")

    def handle(self, *args, file: str, top: int, **options):
        if top < 1:
            raise CommandError("--top must be at least 1")
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        if rows:
            unknown = set(rows[0]) - COLUMNS
            if unknown or "ref" not in rows[0]:
                raise CommandError(
                    f"unknown column(s): {', '.join(sorted(unknown)) or '-'}; 'ref' is required"
                )
        timings = []
        for line, row in enumerate(rows, start=2):
            if not (row.get("ref") or "").strip():
                raise CommandError(f"line {line}: ref is empty")
            facts = facts_from_row(row)
            started = time.perf_counter()
            candidates = match(facts, top=top)
            timings.append((time.perf_counter() - started) * 1000)
            result = {
                "ref": row["ref"].strip(),
                "candidates": [
                    {
                        "source_id": c.head.record.source_id,
                        "also": c.also,
                        "score": round(c.score, 4),
                        "band": c.band,
                    }
                    for c in candidates
                ],
            }
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        self.stderr.write(summary(timings))


def summary(timings: list[float]) -> str:
    if not timings:
        return "0 inquiries"
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"{len(timings)} inquiries; p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms per inquiry"
