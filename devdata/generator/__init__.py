"""Synthetic archive for demos and for measuring matching recall: `generate(out, records, seed)`.

Writes `archive.csv` (the import format), `inquiries.csv` (as families write them) and `truth.csv`
(which person each inquiry is about, all their cards, and whether the inquiry's facts can tell them
apart from namesakes). The same seed gives byte-identical files.
"""

from __future__ import annotations

import csv
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .cards import COLUMNS, CardWriter, clerks_for, source_ids
from .inquiries import COLUMNS as INQUIRY_COLUMNS
from .inquiries import TRUTH_COLUMNS, InquiryWriter, distinguishable
from .people import build_camps, draw_person
from .pools import given_names, surnames

__all__ = ["Summary", "generate"]
INQUIRY_SHARE = 0.10
NAMESAKE_SHARE = 0.01  # people given the exact name of someone drawn earlier


@dataclass(frozen=True)
class Summary:
    records: int
    people: int
    inquiries: int
    seconds: float


def generate(out: Path, records: int, seed: int, inquiries: int | None = None) -> Summary:
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pick = random.Random(f"inquiries-{seed}")  # choosing inquiries never changes the archive
    s_pool, g_pool = surnames(), given_names()
    camps, by_region, camp_cum = build_camps()
    cards = CardWriter(source_ids(seed, records), rng, s_pool, g_pool, camps, clerks_for(camps, rng))
    namesakes: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    chosen: list[tuple[object, list[str]]] = []
    recent: list[tuple[int, int]] = []
    written = people = 0
    with _Buckets(out) as buckets:
        while written < records:
            person = draw_person(people + 1, rng, s_pool, g_pool, camps, by_region, camp_cum)
            if recent and rng.random() < NAMESAKE_SHARE:
                person.surname, person.given = rng.choice(recent)
            if len(recent) < 5000:
                recent.append((person.surname, person.given))
            else:
                recent[rng.randrange(5000)] = (person.surname, person.given)
            ids = []
            for bucket, row in cards.rows(person):
                if written >= records:
                    break
                buckets.write(bucket, [row.get(c, "") for c in COLUMNS])
                ids.append(row["source_id"])
                written += 1
            people += 1
            reading = (s_pool.kana[person.surname], g_pool.kana[person.given])
            namesakes[reading].append((person.number, person.birth[0], person.prefecture.code))
            _choose(pick, chosen, (person, ids), people, inquiries)
    pick.shuffle(chosen)
    asked = _write_inquiries(out, chosen, pick, s_pool, g_pool, namesakes)
    return Summary(written, people, asked, round(time.perf_counter() - started, 2))


def _choose(pick, chosen, item, seen: int, wanted: int | None) -> None:
    """Bernoulli at 10% by default; reservoir sampling (exactly `wanted`) when a number is given."""
    if wanted is None:
        if pick.random() < INQUIRY_SHARE:
            chosen.append(item)
    elif len(chosen) < wanted:
        chosen.append(item)
    else:
        j = pick.randrange(seen)
        if j < wanted:
            chosen[j] = item


def _write_inquiries(out: Path, chosen, pick, s_pool, g_pool, namesakes) -> int:
    writer = InquiryWriter(pick, s_pool, g_pool)
    with (
        open(out / "inquiries.csv", "w", newline="", encoding="utf-8") as inq_fh,
        open(out / "truth.csv", "w", newline="", encoding="utf-8") as truth_fh,
    ):
        inq, truth = csv.writer(inq_fh), csv.writer(truth_fh)
        inq.writerow(INQUIRY_COLUMNS)
        truth.writerow(TRUTH_COLUMNS)
        for n, (person, ids) in enumerate(chosen, start=1):
            ref = f"Q{n:06d}"
            row, year, pref = writer.row(ref, person)
            inq.writerow([row.get(c, "") for c in INQUIRY_COLUMNS])
            reading = (s_pool.kana[person.surname], g_pool.kana[person.given])
            flag = distinguishable(person, namesakes[reading], year, pref)
            truth.writerow([ref, person.person_id, " ".join(ids), flag])
    return len(chosen)


class _Buckets:
    """Rows filed by camp (then the death lists and the ministry's lists), as an archive keeps them."""

    def __init__(self, out: Path):
        self.out = out
        self.files: dict[int, tuple[object, object]] = {}

    def __enter__(self):
        return self

    def write(self, bucket: int, values: list[str]) -> None:
        entry = self.files.get(bucket)
        if entry is None:
            fh = open(self.out / f".archive-part-{bucket + 2:04d}.csv", "w+", newline="", encoding="utf-8")
            entry = self.files[bucket] = (fh, csv.writer(fh))
        entry[1].writerow(values)

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                with open(self.out / "archive.csv", "w", newline="", encoding="utf-8") as target:
                    csv.writer(target).writerow(COLUMNS)
                    for bucket in sorted(self.files, key=lambda b: (b < 0, b)):
                        fh = self.files[bucket][0]
                        fh.seek(0)
                        while chunk := fh.read(1 << 20):
                            target.write(chunk)
        finally:
            for fh, _writer in self.files.values():
                fh.close()
                Path(fh.name).unlink(missing_ok=True)
        return False
