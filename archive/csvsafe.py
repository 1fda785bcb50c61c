"""CSV that a spreadsheet opens as text: every file the project writes for people goes through here.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run by Excel, LibreOffice
and Google Sheets as a formula (`=HYPERLINK(...)` sends the reader's data away); such a cell is
written with a single quote in front, as OWASP's CSV-injection guidance says. The quote shows
in the cell, which tells the reader the text was not the sheet's own. Numbers are written as
they are (a negative number is not a formula), so counts and years stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # Excel reads a UTF-8 file as UTF-8 only with it


def escape(value: Any) -> Any:
    """The cell as a spreadsheet may open it: text that would run as a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        value = str(value)
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


class Writer:
    """csv.writer with every cell escaped; `writer(out)` makes one."""

    def __init__(self, out, **options) -> None:
        self._csv = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._csv.writerow([escape(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out, **options) -> Writer:
    return Writer(out, **options)
