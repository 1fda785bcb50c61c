"""Write a synthetic archive (and inquiries with the truth) for demos and recall benchmarks."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from devdata.generator import generate


class Command(BaseCommand):
    help = (
        "Write DIR/archive.csv (import format), DIR/inquiries.csv and DIR/truth.csv. Same seed, same files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=10_000, help="Archive rows to write.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed; the same seed gives the same files."
        )
        parser.add_argument("--out", type=Path, required=True, help="Directory to write into.")
        parser.add_argument(
            "--inquiries", type=int, default=None, help="Number of inquiries (default: 10%% of the people)."
        )

    def handle(self, *args, records: int, seed: int, out: Path, inquiries: int | None, **options):
        if records < 1:
            raise CommandError("--records must be at least 1")
        if inquiries is not None and inquiries < 0:
            raise CommandError("--inquiries cannot be negative")
        summary = generate(out, records=records, seed=seed, inquiries=inquiries)
        self.stdout.write(
            f"{summary.records} records about {summary.people} people, {summary.inquiries} inquiries "
            f"written to {out} in {summary.seconds:.1f} s ({summary.records / max(summary.seconds, 1e-9):,.0f} records/s)"
        )
