"""Reading an import file: checksum, header check, and records with their line numbers.

The file is read as bytes and decoded line by line, so a line that is not UTF-8 is named
instead of stopping the whole read with a position nobody can find.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from .columns import KNOWN, NAME_COLUMNS, REQUIRED
from .validation import Problem

BOM = "\ufeff"
_CHUNK = 1 << 20


class ImportRefused(Exception):
    """The file as a whole cannot be imported (no row of it was imported)."""

    def __init__(self, reason: str, *, line: int = 1, column: str = "", value: str = "") -> None:
        super().__init__(reason)
        self.problem = Problem(line, column, value, reason)


def fingerprint(path: Path) -> tuple[str, int]:
    """SHA-256 of the file and its number of lines (for the progress bar before reading)."""
    digest = hashlib.sha256()
    lines = 0
    last = b""
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            last = chunk
    if last and not last.endswith(b"\n"):
        lines += 1
    return digest.hexdigest(), lines


class Lines:
    """Decoded physical lines of a file; remembers which could not be read as UTF-8."""

    def __init__(self, f) -> None:
        self.f = f
        self.number = 0
        self.undecodable: set[int] = set()

    def __iter__(self) -> Iterator[str]:
        for raw in self.f:
            self.number += 1
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                self.undecodable.add(self.number)
                yield raw.decode("utf-8", "replace")


def read_header(reader) -> list[str]:
    """The column names, checked: every name known, none twice, the required ones present."""
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused(
            _("ファイルが空です。見出し行とデータ行のあるCSVファイルを指定してください。")
        ) from None
    if header and header[0].startswith(BOM):
        header[0] = header[0][1:]
    columns = [name.strip().lower() for name in header]
    if not any(columns):
        raise ImportRefused(_("見出し行が空です。列名を書いてください。"))
    if any("\ufffd" in name for name in columns):
        raise ImportRefused(_("見出し行にUTF-8として読めない文字があります。"))
    for name in columns:
        if name not in KNOWN:
            close = difflib.get_close_matches(name, KNOWN, n=1)
            hint = _("（「%(close)s」の誤りではありませんか）") % {"close": close[0]} if close else ""
            raise ImportRefused(
                _("列「%(name)s」は取込形式にない列です%(hint)s。使える列: %(known)s")
                % {"name": name, "hint": hint, "known": ", ".join(KNOWN)},
                value=name,
            )
        if columns.count(name) > 1:
            raise ImportRefused(_("列「%(name)s」が2回あります。") % {"name": name}, value=name)
    for name in REQUIRED:
        if name not in columns:
            raise ImportRefused(_("必須の列「%(name)s」がありません。") % {"name": name}, column=name)
    if not any(name in columns for name in NAME_COLUMNS):
        raise ImportRefused(
            _("名の列がありません（given_name_cyr と given_name_kana の少なくとも一方が必要です）。")
        )
    return columns


def records(reader, lines: Lines) -> Iterator[tuple[int, list[str], bool]]:
    """(first line number, fields, whether a line of it was not UTF-8) for each non-blank record."""
    end = reader.line_num
    for fields in reader:
        start, end = end + 1, reader.line_num
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        bad = bool(lines.undecodable) and any(n in lines.undecodable for n in range(start, end + 1))
        yield start, fields, bad


def open_csv(f) -> tuple[Lines, object]:
    lines = Lines(f)
    return lines, csv.reader(iter(lines), strict=True)
