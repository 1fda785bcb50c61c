"""Small helpers to write import files for the import tests."""

from __future__ import annotations

import csv
from pathlib import Path

HEADER = [
    "source_id", "surname_cyr", "given_name_cyr", "patronymic_cyr", "birth_year", "birthplace_cyr",
    "rank_cyr", "unit_cyr", "camp", "region", "death_date", "death_cause", "burial_site", "grave_no",
    "archive_ref", "surname_kana", "given_name_kana", "document_type",
]  # fmt: skip


def row(source_id: str, surname: str = "Ямашита", given: str = "Кийоси", **fields: str) -> dict[str, str]:
    values = {name: "" for name in HEADER}
    values.update(
        source_id=source_id,
        surname_cyr=surname,
        given_name_cyr=given,
        birth_year="1920",
        birthplace_cyr="преф. Нийгата",
        camp="Лагерь № 7",
        region="Хабаровский край",
        death_date="1946-02-15",
        burial_site="Кладбище № 3",
        archive_ref="ф. 1п, оп. 1, д. 12",
    )
    values.update(fields)
    return values


def write(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    header = header or HEADER
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for r in rows:
            writer.writerow([r.get(name, "") for name in header])
    return path


def good_rows(n: int = 3) -> list[dict[str, str]]:
    people = [("Ямашита", "Кийоси"), ("Сато", "Кадзуо"), ("Ватанабэ", "Синъити"), ("Кобаяши", "Хироши")]
    return [row(f"SU-{i:04d}", *people[i % len(people)]) for i in range(n)]
