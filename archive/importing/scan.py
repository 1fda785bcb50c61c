"""One streaming pass over a file: every record checked, valid rows handed on as they are read.

What the pass learns on the way (problems, rejected records, the distinct spellings, camps and
burial sites) is kept on the `Scan` for the steps that follow.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from tqdm import tqdm

from archive import csvsafe
from archive.models import ImportBatch

from .columns import CLEAN
from .reading import ImportRefused, open_csv, read_header, records
from .validation import Problem, RowChecker

PROGRESS_EVERY = 20_000  # rows between progress reports (patched smaller in tests)
_I = {name: i for i, name in enumerate(CLEAN)}
_CAMP, _REGION, _BURIAL = _I["camp"], _I["region"], _I["burial_site"]
_S, _G = _I["s_script"], _I["g_script"]


class Scan:
    def __init__(self, path: Path, batch: ImportBatch, *, progress: bool = False, report=None) -> None:
        self.path = path
        self.report = report or self._report
        self.batch = batch
        self.progress = progress
        self.columns: list[str] = []
        self.problems: list[Problem] = []
        self.rejected: list[tuple[int, list[str], list[Problem]]] = []
        self.records = 0
        self.valid = 0
        self.spellings: set[tuple[str, str]] = set()
        self.camps: dict[str, str] = {}
        self.burial_sites: dict[str, str] = {}

    def rows(self) -> Iterator[tuple]:
        """The clean rows, in file order. Raises ImportRefused when the file cannot be read at all."""
        for _line, _fields, row in self._checked():
            yield row

    def valid_records(self) -> Iterator[tuple[int, list[str]]]:
        """(line, fields as written) of each valid record, in file order."""
        for line, fields, _row in self._checked():
            yield line, fields

    def _checked(self) -> Iterator[tuple[int, list[str], tuple]]:
        bar = tqdm(
            total=self.batch.rows_total,
            unit=_("行"),
            disable=not (self.progress and sys.stderr.isatty()),
            mininterval=0.5,
        )
        with open(self.path, "rb") as f, bar:
            lines, reader = open_csv(f)
            try:
                self.columns = read_header(reader)
                checker = RowChecker(self.columns)
                for line, fields, undecodable in records(reader, lines):
                    self.records += 1
                    if self.records % PROGRESS_EVERY == 0:
                        bar.update(PROGRESS_EVERY)
                        self.report(self.records)
                    if undecodable:
                        self._reject(line, fields, [self._undecodable(line, fields)])
                        continue
                    row, problems = checker.check(line, fields)
                    if problems:
                        self._reject(line, fields, problems)
                        continue
                    self.valid += 1
                    self._note(row)
                    yield line, fields, row
            except csv.Error as e:
                raise ImportRefused(
                    _('CSVとして読めません（%(error)s）。引用符（"）の閉じ忘れがないか確認してください。')
                    % {"error": e},
                    line=reader.line_num,
                ) from None
            bar.update(self.records % PROGRESS_EVERY)
        if self.records == 0:
            raise ImportRefused(_("見出し行だけで、データ行がありません。"))

    def _report(self, rows_done: int) -> None:
        ImportBatch.objects.filter(pk=self.batch.pk).update(rows_done=rows_done)

    def _note(self, row: tuple) -> None:
        camp, burial = row[_CAMP], row[_BURIAL]
        if camp and camp not in self.camps:
            self.camps[camp] = row[_REGION]
        if burial and burial not in self.burial_sites:
            self.burial_sites[burial] = row[_REGION]
        if row[_S]:
            self.spellings.add((row[_S], row[_S + 1]))
        if row[_G]:
            self.spellings.add((row[_G], row[_G + 1]))

    def _reject(self, line: int, fields: list[str], problems: list[Problem]) -> None:
        self.problems.extend(problems)
        self.rejected.append((line, fields, problems))

    def _undecodable(self, line: int, fields: list[str]) -> Problem:
        column = next(
            (self.columns[i] for i, f in enumerate(fields) if "\ufffd" in f and i < len(self.columns)), ""
        )
        value = next((f for f in fields if "\ufffd" in f), "")
        reason = _("UTF-8として読めない文字があります。ファイルをUTF-8で保存し直してください。")
        return Problem(line, column, value, reason)


def write_rejects(path: Path, scan: Scan) -> None:
    """The rejected records as they were, each with its line number and reasons, as UTF-8 CSV
    (with a BOM, for Excel) in which no cell runs as a formula (`archive.csvsafe`)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csvsafe.writer(out)
        writer.writerow(["line", "reasons", *scan.columns])
        for line, fields, problems in scan.rejected:
            reasons = "; ".join(str(p) for p in problems)
            writer.writerow([line, reasons, *fields])
