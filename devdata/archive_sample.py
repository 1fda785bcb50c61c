"""Sample archive records for the demo: generated with a fixed seed and imported like any batch."""

from __future__ import annotations

import tempfile
from pathlib import Path

from archive.importing import import_csv
from archive.models import ImportBatch
from devdata.generator import generate

DEMO_SEED = 1945


def load_sample(records: int = 5000, stdout=None) -> ImportBatch:
    """Generate `records` synthetic records and import them. The same count gives the same records,
    so running it again changes nothing (the batch reports them unchanged)."""
    with tempfile.TemporaryDirectory(prefix="archive-demo-") as tmp:
        out = Path(tmp)
        generate(out, records=records, seed=DEMO_SEED, inquiries=0)
        path = out / "demo-archive.csv"
        (out / "archive.csv").rename(path)
        batch = import_csv(path, skip_invalid=True)
    if stdout is not None:
        stdout.write(
            f"Sample archive ({batch.get_state_display()}): {batch.created} new, {batch.updated} updated, "
            f"{batch.unchanged} unchanged, {batch.rejected} rejected"
        )
    return batch


def sample_inquiries(records: int = 5000, count: int = 12) -> list[dict[str, str]]:
    """Inquiries about people in the sample archive, as families would write them (for the demo)."""
    import csv

    with tempfile.TemporaryDirectory(prefix="archive-demo-") as tmp:
        out = Path(tmp)
        generate(out, records=records, seed=DEMO_SEED, inquiries=count)
        with open(out / "inquiries.csv", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))[:count]
