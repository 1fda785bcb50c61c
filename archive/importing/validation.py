"""Checking one record of an import file and turning it into the row the import stores.

Every problem is a `Problem` with the line, the column, the value and the reason in plain
words. Names, kana and birthplaces repeat a great deal, so what is derived from them is cached.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from archive.derive import STRIP, cyrillic_value, kana_value, prefecture_of, spelling_pair

from .columns import (
    BIRTH_YEARS,
    DEATH_YEARS,
    DEFAULT_DOCUMENT_TYPE,
    DOCUMENT_TYPES,
    MAX_LENGTH,
)

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
__all__ = ["STRIP", "Problem", "RowChecker", "cyrillic_value", "kana_value"]


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict:
        """As the batch stores it (JSON): a NUL, which PostgreSQL cannot store, shown as ␀."""
        return {
            key: value.replace("\x00", "␀") if isinstance(value, str) else value
            for key, value in asdict(self).items()
        }

    def __str__(self) -> str:
        where = _("%(line)s行目") % {"line": self.line}
        if self.column:
            where += _("・列「%(column)s」") % {"column": self.column}
        value = _("（値「%(value)s」）") % {"value": self.value[:80]} if self.value else ""
        return f"{where}{value}: {self.reason}"


class RowChecker:
    """Checks records of one file (header already known) and remembers the source ids seen."""

    def __init__(self, columns: list[str]) -> None:
        self.columns = columns
        self.width = len(columns)
        self.index = {name: i for i, name in enumerate(columns)}
        self.seen: dict[str, int] = {}

    def _get(self, fields: list[str], name: str) -> str:
        i = self.index.get(name)
        return fields[i].strip(STRIP) if i is not None else ""

    def check(self, line: int, fields: list[str]) -> tuple[tuple | None, list[Problem]]:
        """(the clean row, []) or (None, the problems of this record)."""
        if len(fields) != self.width:
            reason = _("列の数が見出し行と合いません（見出し行は%(want)s列、この行は%(got)s列）。") % {
                "want": self.width,
                "got": len(fields),
            }
            return None, [Problem(line, "", ",".join(fields)[:200], reason)]
        v = {name: fields[i].strip(STRIP) for name, i in self.index.items()}
        problems: list[Problem] = []

        def bad(column: str, reason: str) -> None:
            problems.append(Problem(line, column, v.get(column, ""), reason))

        for name, value in v.items():
            if len(value) > MAX_LENGTH[name]:
                bad(name, _("長すぎます（%(max)s文字まで）。") % {"max": MAX_LENGTH[name]})
            if "\x00" in value:  # PostgreSQL cannot store it
                bad(name, _("NUL文字（文字コード0）が入っています。取り込めません。"))
        source_id = v.get("source_id", "")
        if not source_id:
            bad("source_id", _("資料IDが空です。各行に資料IDが必要です。"))
        elif source_id in self.seen:
            bad("source_id", _("資料IDが%(other)s行目と重複しています。") % {"other": self.seen[source_id]})
        document_type = v.get("document_type") or DEFAULT_DOCUMENT_TYPE
        if document_type not in DOCUMENT_TYPES:
            bad(
                "document_type",
                _("資料の種類は次のいずれかです: %(t)s") % {"t": ", ".join(sorted(DOCUMENT_TYPES))},
            )
        spellings = []
        for part in ("surname", "given_name"):
            spellings.append(self._spelling(v, part, bad))
        if not v.get("given_name_cyr") and not v.get("given_name_kana"):
            bad(
                "given_name_cyr",
                _(
                    "名がありません。given_name_cyr（キリル文字）か given_name_kana（カタカナ）のどちらかが必要です。"
                ),
            )
        for name in ("patronymic_cyr",):
            if v.get(name) and self.cyrillic(v[name]) is None:
                bad(name, _("キリル文字で書いてください。"))
        birth_year = self._year(v.get("birth_year", ""), BIRTH_YEARS, "birth_year", bad)
        death = self._death(v.get("death_date", ""), bad)
        if problems:
            return None, problems
        if source_id:
            self.seen[source_id] = line
        birthplace = v.get("birthplace_cyr", "")
        prefecture = prefecture_of(birthplace)
        g = v.get
        row = (
            line, source_id, document_type,
            g("surname_cyr", ""), g("given_name_cyr", ""), g("patronymic_cyr", ""),
            g("surname_kana", ""), g("given_name_kana", ""),
            birth_year, birthplace, g("rank_cyr", ""), g("unit_cyr", ""), g("camp", ""), g("region", ""),
            *death, g("death_cause", ""), g("burial_site", ""), g("grave_no", ""), g("archive_ref", ""),
            prefecture, *spellings[0], *spellings[1],
        )  # fmt: skip
        return row, []

    cyrillic = staticmethod(cyrillic_value)
    kana = staticmethod(kana_value)

    def _spelling(self, v: dict, part: str, bad) -> tuple[str, str]:
        cyr_raw, kana_raw = v.get(f"{part}_cyr", ""), v.get(f"{part}_kana", "")
        if kana_raw and self.kana(kana_raw) is None:
            bad(f"{part}_kana", _("カタカナかひらがなで書いてください。"))
        if cyr_raw and self.cyrillic(cyr_raw) is None:
            bad(f"{part}_cyr", _("キリル文字で書いてください（ほかの文字は別の列に書きます）。"))
        return spelling_pair(cyr_raw, kana_raw) or ("", "")

    @staticmethod
    def _year(raw: str, bounds: tuple[int, int], column: str, bad) -> int | None:
        if not raw:
            return None
        if not raw.isascii() or not raw.isdigit():
            bad(column, _("西暦の年を数字4桁で書いてください（例: 1921）。"))
            return None
        year = int(raw)
        if not bounds[0] <= year <= bounds[1]:
            bad(column, _("%(lo)s年から%(hi)s年の間ではありません。") % {"lo": bounds[0], "hi": bounds[1]})
            return None
        return year

    @staticmethod
    def _death(raw: str, bad) -> tuple[int | None, int | None, int | None]:
        if not raw:
            return None, None, None
        m = _DATE.match(raw) if raw.isascii() else None
        if not m:
            bad(
                "death_date",
                _("死亡日は YYYY、YYYY-MM、YYYY-MM-DD のいずれかで書いてください（例: 1946-02-15）。"),
            )
            return None, None, None
        year, month, day = (int(x) if x else None for x in m.groups())
        lo, hi = DEATH_YEARS
        if not lo <= year <= hi:
            bad("death_date", _("死亡年が%(lo)s年から%(hi)s年の間ではありません。") % {"lo": lo, "hi": hi})
        elif month is not None and not 1 <= month <= 12:
            bad("death_date", _("月が1から12の間ではありません。"))
        elif day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            bad("death_date", _("この日付は暦にありません。"))
        else:
            return year, month, day
        return None, None, None
