"""Generated CSV files through the archive import (the service, and the command that wraps it): a file is
imported as its summary says, or refused with the archive exactly as it was; never an exception.

Each example runs in a savepoint rolled back afterwards, so every file meets the same small archive."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from archive.importing import import_csv
from archive.importing.columns import KNOWN
from archive.models import ArchiveRecord, BurialSite, Camp, ImportBatch, NameSpelling
from tests.fuzz.strategies import ANY_CHAR, FUZZ, GARBAGE, TEXT_CHAR, digits
from tests.import_files import good_rows, write

pytestmark = pytest.mark.django_db

CYRILLIC = st.text(
    st.characters(min_codepoint=0x410, max_codepoint=0x44F) | st.sampled_from(" -ёЁ"), max_size=20
)
KATAKANA = st.text(st.characters(min_codepoint=0x30A1, max_codepoint=0x30FA) | st.just("ー"), max_size=10)
CELL = {
    "source_id": st.one_of(
        st.sampled_from(["SU-0000", "SU-0001", "NEW-1", "NEW-2", ""]), st.text(TEXT_CHAR, max_size=12)
    ),
    "birth_year": st.one_of(st.integers(1860, 1940).map(str), digits(4), st.just("")),
    "death_date": st.one_of(st.dates().map(str), st.integers(1940, 1962).map(str), st.just("1946-02-30")),
    "document_type": st.sampled_from(["", "registration_card", "death_record", "burial_list", "x"]),
    "surname_kana": KATAKANA,
    "given_name_kana": KATAKANA,
}
ANY_CELL = st.one_of(CYRILLIC, st.text(TEXT_CHAR, max_size=20), GARBAGE)


def cell(column: str) -> st.SearchStrategy[str]:
    """A value of the column's kind, one time in thirty anything at all."""
    typical = CELL.get(column, CYRILLIC if column.endswith("_cyr") else ANY_CELL)
    return st.integers(0, 29).flatmap(lambda k: GARBAGE if k == 0 else typical)


class Rollback(Exception):
    pass


def archive() -> tuple:
    """Everything the import may write, as it is."""
    return (
        list(ArchiveRecord.objects.order_by("id").values_list()),
        list(NameSpelling.objects.order_by("id").values_list("id", "script", "text")),
        list(Camp.objects.order_by("id").values_list()),
        list(BurialSite.objects.order_by("id").values_list()),
    )


@st.composite
def csv_files(draw) -> bytes:
    """A header of known (and now and then unknown or repeated) columns and a few records of typical,
    odd and hostile values; sometimes raw bytes, a BOM, a broken quote or other line endings."""
    columns = draw(st.lists(st.sampled_from(KNOWN), min_size=1, max_size=len(KNOWN), unique=True))
    if "source_id" not in columns and draw(st.integers(0, 9)):
        columns.insert(0, "source_id")
    if not {"given_name_cyr", "given_name_kana"} & set(columns) and draw(st.integers(0, 4)):
        columns.append("given_name_cyr")  # mostly a file the import can take
    if draw(st.integers(0, 9)) == 0:
        columns.append(draw(st.sampled_from(["brith_year", "source_id", "", "\x00", "ＳＯＵＲＣＥ_ＩＤ"])))
    rows = draw(st.lists(st.fixed_dictionaries({c: cell(c) for c in columns}), max_size=5))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])))
    writer.writerow(columns)
    for row in rows:
        cells = [row[c] for c in columns]
        if draw(st.integers(0, 19)) == 0:
            cells = cells[: draw(st.integers(0, len(cells)))]  # a short record
        writer.writerow(cells)
    text = draw(st.sampled_from(["", "\ufeff"])) + out.getvalue()
    data = text.encode()
    how = draw(st.integers(0, 19))
    if how == 0:
        data = data + draw(st.binary(max_size=50))  # bytes that are not UTF-8
    elif how == 1:
        data = data.replace(b",", b',"', 1)  # a quote never closed
    elif how == 2:
        data = draw(st.text(ANY_CHAR, max_size=200)).encode("utf-8", "surrogatepass")
    return data


def test_an_import_is_done_as_its_summary_says_or_leaves_the_archive_as_it_was(tmp_path, outcomes):
    import_csv(write(tmp_path / "existing.csv", good_rows(2)))
    files = iter(range(10**9))

    @FUZZ
    @given(data=csv_files(), how=st.sampled_from(["service", "skip invalid", "dry run", "command"]))
    def run(data, how):
        path = tmp_path / f"generated-{next(files)}.csv"
        path.write_bytes(data)
        before = archive()
        try:
            with transaction.atomic():
                if how == "command":
                    try:
                        call_command("import_archive", str(path), "--rejects", str(path) + ".rejects.csv")
                    except CommandError:
                        pass
                    batch = ImportBatch.objects.latest("id")
                else:
                    batch = import_csv(path, skip_invalid=how == "skip invalid", dry_run=how == "dry run")
                if batch.state == ImportBatch.State.FAILED or how == "dry run":
                    assert archive() == before, batch.errors
                    outcomes["refused"] += 1
                else:
                    assert batch.state == ImportBatch.State.DONE
                    assert batch.created + batch.updated + batch.unchanged + batch.rejected == batch.rows_done
                    assert ArchiveRecord.objects.count() == len(before[0]) + batch.created
                    outcomes["taken"] += 1
                raise Rollback
        except Rollback:
            pass

    run()
