"""What an inquiry tells us about the person, normalised for matching."""

from __future__ import annotations

from dataclasses import dataclass

from archive.names import (
    EraDateError,
    is_kana,
    parse_japanese_date,
    readings_for_kanji,
    recognise_prefecture,
    to_katakana,
)

READINGS_PER_PART = 5


@dataclass(frozen=True)
class Facts:
    surname_kanji: str = ""
    given_name_kanji: str = ""
    surname_kana: str = ""
    given_name_kana: str = ""
    birth_year: int | None = None
    birth_approximate: bool = False
    prefecture: str = ""  # a code from archive.names.PREFECTURES
    unit: str = ""

    @property
    def has_reading(self) -> bool:
        return bool(self.surname_kana or self.given_name_kana)

    def readings(self, part: str) -> list[tuple[str, float]]:
        """Candidate readings with weights: the family's kana, else every plausible reading of the kanji."""
        kana = self.surname_kana if part == "surname" else self.given_name_kana
        kanji = self.surname_kanji if part == "surname" else self.given_name_kanji
        if kana:
            return [(to_katakana(kana), 1.0)]
        if kanji and is_kana(kanji):
            return [(to_katakana(kanji), 1.0)]
        if not kanji:
            return []
        found = readings_for_kanji(kanji, "surname" if part == "surname" else "given")[:READINGS_PER_PART]
        if not found:
            return []
        top = found[0][1] or 1.0
        return [(reading, weight / top) for reading, weight in found]


def parse_birth(text: str) -> tuple[int | None, bool]:
    """The Western birth year of any accepted form (era, dotted, Western), or None if unreadable."""
    text = (text or "").strip()
    if not text:
        return None, False
    try:
        partial = parse_japanese_date(text)
    except EraDateError:
        return None, False
    return partial.year, partial.approximate


def recognise_place(text: str) -> str:
    return (recognise_prefecture(text) or "") if text else ""


def facts_from_row(row: dict[str, str]) -> Facts:
    """Facts from the batch CSV's columns (any may be empty)."""
    year, approximate = parse_birth(row.get("birth_date", ""))
    return Facts(
        surname_kanji=(row.get("surname_kanji") or "").strip(),
        given_name_kanji=(row.get("given_name_kanji") or "").strip(),
        surname_kana=to_katakana(row.get("surname_kana") or ""),
        given_name_kana=to_katakana(row.get("given_name_kana") or ""),
        birth_year=year,
        birth_approximate=approximate,
        prefecture=recognise_place(row.get("birthplace") or ""),
        unit=(row.get("unit") or "").strip(),
    )
