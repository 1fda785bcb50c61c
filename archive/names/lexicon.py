"""Known name readings from japanese_personal_name_dataset, loaded once, lazily.

Used to rank candidate readings of a Cyrillic spelling (a reading that real
people carry beats an equally cheap one nobody has) and to read kanji names.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from functools import lru_cache
from importlib import resources

import jaconv

__all__ = ["bonus_table", "given_index", "reading_bonus", "surname_index"]

_PKG = "japanese_personal_name_dataset"


def _rows(name: str) -> list[list[str]]:
    path = resources.files(_PKG).joinpath("dataset", name)
    with path.open(encoding="utf-8") as fh:
        return [row for row in csv.reader(fh) if row]


@lru_cache(maxsize=1)
def surname_index() -> dict[str, list[tuple[str, int]]]:
    """kanji → [(katakana, count)], most common first."""
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in _rows("last_name_org.csv"):
        if len(row) < 3 or not row[1].isdigit():
            continue
        index[row[0]].append((jaconv.hira2kata(row[2]), int(row[1])))
    for readings in index.values():
        readings.sort(key=lambda r: -r[1])
    return dict(index)


@lru_cache(maxsize=1)
def given_index() -> dict[str, dict[str, float]]:
    """kanji → {katakana: weight} for given names (men and women)."""
    popular: set[str] = set()
    for name in ("first_name_man_opti.csv", "first_name_woman_opti.csv"):
        popular.update(row[0] for row in _rows(name))
    index: dict[str, dict[str, float]] = defaultdict(dict)
    for name in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        for row in _rows(name):
            kata = jaconv.hira2kata(row[0])
            kanjis = row[2:]
            # a reading written many ways is common; a kanji with many readings is less sure
            weight = (3.0 if row[0] in popular else 1.0) * (1.0 + math.log1p(len(kanjis)))
            for kanji in kanjis:
                prev = index[kanji].get(kata, 0.0)
                index[kanji][kata] = max(prev, weight)
    return dict(index)


@lru_cache(maxsize=1)
def bonus_table() -> dict[str, float]:
    """katakana → reading_bonus (readings absent from it have none)."""
    table: dict[str, float] = {}
    for readings in surname_index().values():
        for kata, count in readings:
            b = min(0.9, max(0.3, 0.3 + 0.13 * math.log10(max(count, 10) / 100)))
            table[kata] = max(table.get(kata, 0.0), b)
    counts: dict[str, int] = defaultdict(int)
    popular: set[str] = set()
    for name in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        for row in _rows(name):
            counts[jaconv.hira2kata(row[0])] += len(row) - 2
    for name in ("first_name_man_opti.csv", "first_name_woman_opti.csv"):
        popular.update(jaconv.hira2kata(row[0]) for row in _rows(name))
    for kata, n in counts.items():
        b = 0.3 + 0.12 * math.log10(max(n, 1)) + (0.25 if kata in popular else 0.0)
        table[kata] = max(table.get(kata, 0.0), min(0.85, b))
    return table


def reading_bonus(katakana: str) -> float:
    """0 for an unknown reading, up to 0.9 for a very common surname or given name."""
    return bonus_table().get(katakana, 0.0)
