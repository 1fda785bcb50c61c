"""Searching the archive by a name typed in any script, as an archivist does in the admin."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from archive.importing import import_csv
from archive.models import ArchiveRecord, ImportBatch
from archive.search import search_records
from devdata.generator.cards import COLUMNS

pytestmark = pytest.mark.django_db

PEOPLE = [
    # source_id, surname_cyr, given_name_cyr, surname_kana, given_name_kana
    ("A-1", "Сато", "Киёси", "", ""),
    ("A-2", "Сайто", "Киёси", "", ""),
    ("A-3", "Сатоо", "Масао", "", ""),
    ("A-4", "Като", "Исаму", "", ""),
    ("A-5", "", "", "サトウ", "シゲル"),
    ("A-6", "Киёси", "Сато", "", ""),
    ("A-7", "Ватанабе", "Минору", "", ""),
    ("A-8", "Ваkаяма", "Ёсио", "", ""),  # a Latin k from the typewriter
]


def write_archive(path: Path, people) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for source_id, s_cyr, g_cyr, s_kana, g_kana in people:
            writer.writerow(
                {
                    "source_id": source_id, "surname_cyr": s_cyr, "given_name_cyr": g_cyr,
                    "surname_kana": s_kana, "given_name_kana": g_kana, "birth_year": "1920",
                    "document_type": "death_list" if s_kana else "registration_card",
                }
            )  # fmt: skip
    return path


@pytest.fixture
def archive(tmp_path):
    batch = import_csv(write_archive(tmp_path / "a.csv", PEOPLE))
    assert batch.state == ImportBatch.State.DONE, batch.errors
    return batch


def found(query: str) -> set[str]:
    return set(search_records(query).values_list("source_id", flat=True))


@pytest.mark.parametrize(
    "query", ["サトウ", "さとう", "ｻﾄｳ", "サトー", "Sato", "Satou", "Satō", "Сато", "сато", "佐藤"]
)
def test_it_finds_sato_however_the_name_is_typed(archive, query):
    hits = found(query)
    assert {"A-1", "A-3", "A-5"} <= hits
    assert "A-2" not in hits, "Сайто is another name"
    assert "A-4" not in hits


def test_it_finds_a_name_written_in_the_given_name_field(archive):
    assert "A-6" in found("Сато")


def test_it_searches_surname_and_given_name_together_in_either_order(archive):
    assert found("サトウ キヨシ") == {"A-1", "A-6"}
    assert found("Kiyoshi Sato") == {"A-1", "A-6"}
    assert found("сато масао") == {"A-3"}


def test_it_finds_a_name_typed_with_a_latin_look_alike_letter(archive):
    assert "A-8" in found("Вакаяма")
    assert "A-8" in found("Ваkаяма Ёсио")
    assert "A-8" in found("Wakayama")


def test_it_finds_a_record_by_its_source_id(archive):
    assert found("A-7") == {"A-7"}
    assert found(" A-7 ") == {"A-7"}


def test_it_finds_the_start_of_a_cyrillic_name(archive):
    assert "A-7" in found("Ватана")


def test_it_finds_nothing_for_an_empty_or_unknown_query(archive):
    assert found("") == set()
    assert found("Хоккайдомару") == set()
    assert ArchiveRecord.objects.count() == len(PEOPLE)


def test_it_reads_only_indexes_on_postgresql(postgres, archive, django_assert_max_num_queries):
    from django.db import connection

    with django_assert_max_num_queries(6):
        hits = list(search_records("Сато"))
    assert {r.source_id for r in hits} >= {"A-1", "A-3", "A-5"}
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a tiny table would be scanned anyway; ask if it must be
    try:
        plan = search_records("Сато").explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
    assert "Seq Scan on archive_archiverecord" not in plan, plan
