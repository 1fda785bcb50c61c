"""Japanese era dates (明治 … 令和) ↔ Western years, for partial and approximate dates.

Era spans use the official change-over days (大正 from 1912-07-30, 昭和 from
1926-12-25, 平成 from 1989-01-08, 令和 from 2019-05-01). 明治 counts from
1868-01-01, as the era name was made retroactive to the start of 慶応4年.
A year, or a year and month, given without an era is placed in the era in
force at the middle of that period (1926 → 大正15年, 1912 → 明治45年).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

__all__ = [
    "ERAS",
    "EraDateError",
    "PartialDate",
    "format_with_era",
    "format_with_era_en",
    "format_with_era_in",
    "parse_japanese_date",
    "to_era",
]


@dataclass(frozen=True)
class Era:
    name: str
    romaji: str
    letter: str
    start: date
    end: date

    @property
    def last_year(self) -> int:
        return self.end.year - self.start.year + 1


ERAS: tuple[Era, ...] = (
    Era("明治", "Meiji", "M", date(1868, 1, 1), date(1912, 7, 29)),
    Era("大正", "Taishō", "T", date(1912, 7, 30), date(1926, 12, 24)),
    Era("昭和", "Shōwa", "S", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "Heisei", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "Reiwa", "R", date(2019, 5, 1), date(9999, 12, 31)),
)
_BY_KEY = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS} | {e.name[0]: e for e in ERAS}


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False


class EraDateError(ValueError):
    """A date that cannot be: `code` for programs, English `str()` for people."""

    MESSAGES = {
        "era_year_out_of_range": "{era} has years 1 to {last}, not {year}.",
        "outside_era": "{date} is not in {era} ({start} to {end}).",
        "invalid_date": "There is no such date: {date}.",
        "unknown_format": "Cannot read a date from {text!r}.",
        "year_out_of_range": "Year {year} is outside 1868 to 2100.",
    }

    def __init__(self, code: str, params: dict | None = None):
        self.code = code
        self.params = dict(params or {})
        super().__init__(self.MESSAGES.get(code, code).format(**self.params))


_APPROX = re.compile(
    r"(頃|ごろ|ころ|約|およそ|大体|前後|位|くらい|ぐらい|about|approx\.?|circa|ca\.|c\.|~|〜|\?|？)", re.I
)
_ERA_KANJI = re.compile(
    r"^(明治|大正|昭和|平成|令和|[明大昭平令])(元|\d{1,2})年?(?:(\d{1,2})月?(?:(\d{1,2})日?)?)?$"
)
_ERA_LETTER = re.compile(r"^([MTSHR])\.?(元|\d{1,2})(?:[./\-年](\d{1,2})(?:[./\-月](\d{1,2})日?)?)?$", re.I)
_WESTERN = re.compile(r"^(\d{4})(?:[年./\-](\d{1,2})(?:[月./\-](\d{1,2})日?)?月?)?年?$")


def _check_calendar(y: int, m: int | None, d: int | None) -> None:
    if not 1868 <= y <= 2100:
        raise EraDateError("year_out_of_range", {"year": y})
    if m is not None and not 1 <= m <= 12:
        raise EraDateError("invalid_date", {"date": f"{y}-{m:02d}"})
    if d is not None and m is not None and not 1 <= d <= calendar.monthrange(y, m)[1]:
        raise EraDateError("invalid_date", {"date": f"{y}-{m:02d}-{d:02d}"})


def _from_era(era: Era, ey: int, m: int | None, d: int | None) -> tuple[int, int | None, int | None]:
    if not 1 <= ey <= era.last_year:
        raise EraDateError("era_year_out_of_range", {"era": era.name, "last": era.last_year, "year": ey})
    y = era.start.year + ey - 1
    _check_calendar(y, m, d)
    first = date(y, m or 1, d or 1)
    last = date(y, m or 12, d or calendar.monthrange(y, m or 12)[1])
    if last < era.start or first > era.end:
        shown = f"{era.name}{'元' if ey == 1 else ey}年" + (f"{m}月" if m else "") + (f"{d}日" if d else "")
        raise EraDateError(
            "outside_era",
            {"date": shown, "era": era.name, "start": era.start.isoformat(), "end": era.end.isoformat()},
        )
    return y, m, d


def parse_japanese_date(text: str) -> PartialDate:
    """Read 大正10年3月5日, 昭和元年, S20.8.9, T10, 1921-03, 1921年3月5日, 大正10年頃 …"""
    raw = unicodedata.normalize("NFKC", text or "").strip()
    approximate = bool(_APPROX.search(raw))
    s = _APPROX.sub("", raw)
    s = re.sub(r"[\s()（）]", "", s)
    m = _ERA_KANJI.match(s) or _ERA_LETTER.match(s)
    if m:
        era = _BY_KEY[m.group(1).upper() if m.group(1).isascii() else m.group(1)]
        ey = 1 if m.group(2) == "元" else int(m.group(2))
        month = int(m.group(3)) if m.group(3) else None
        day = int(m.group(4)) if m.group(4) else None
        y, month, day = _from_era(era, ey, month, day)
        return PartialDate(y, month, day, approximate)
    m = _WESTERN.match(s)
    if m:
        y = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        _check_calendar(y, month, day)
        return PartialDate(y, month, day, approximate)
    raise EraDateError("unknown_format", {"text": text})


def _era_on(d: date) -> Era:
    for era in ERAS:
        if era.start <= d <= era.end:
            return era
    raise EraDateError("year_out_of_range", {"year": d.year})


def _eras_in(year: int, month: int | None = None) -> list[Era]:
    first = date(year, month or 1, 1)
    last = date(year, month or 12, calendar.monthrange(year, month or 12)[1])
    return [e for e in ERAS if e.start <= last and e.end >= first]


def to_era(year: int, month: int | None = None, day: int | None = None) -> tuple[str, int]:
    """(era name, era year) for a Western date; exact when the day is known."""
    _check_calendar(year, month, day)
    if month and day:
        era = _era_on(date(year, month, day))
    else:
        mid = date(year, month, 15) if month else date(year, 7, 1)
        era = _era_on(mid)
    return era.name, year - era.start.year + 1


def _ja_year(era: Era, year: int) -> str:
    ey = year - era.start.year + 1
    return f"{era.name}{'元' if ey == 1 else ey}年"


def format_with_era(partial: PartialDate) -> str:
    """1921年（大正10年）, 1921年3月5日（大正10年3月5日）, 1926年（大正15年／昭和元年）, 1921年頃（大正10年頃）."""
    y, m, d = partial.year, partial.month, partial.day
    tail = (f"{m}月" if m else "") + (f"{d}日" if m and d else "")
    if m and d:
        eras = [_era_on(date(y, m, d))]
    else:
        eras = _eras_in(y, m)
    about = "頃" if partial.approximate else ""
    japanese = "／".join(_ja_year(e, y) for e in eras) + tail
    return f"{y}年{tail}{about}（{japanese}{about}）"


def format_with_era_en(partial: PartialDate) -> str:
    """1921 (Taishō 10), 1921-03-05 (Taishō 10), c. 1926 (Taishō 15 / Shōwa 1)."""
    y, m, d = partial.year, partial.month, partial.day
    eras = [_era_on(date(y, m, d))] if m and d else _eras_in(y, m)
    western = f"{y}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")
    eras_en = " / ".join(f"{e.romaji} {y - e.start.year + 1}" for e in eras)
    return f"{'c. ' if partial.approximate else ''}{western} ({eras_en})"


def format_with_era_in(partial: PartialDate, language: str) -> str:
    """format_with_era_en for English ("en", "en-gb"), format_with_era for any other language."""
    return format_with_era_en(partial) if language.lower().startswith("en") else format_with_era(partial)
