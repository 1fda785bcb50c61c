"""Deriving beside the import (PostgreSQL): worker processes only save time, never change a result."""

from __future__ import annotations

import pytest

from archive.importing import import_csv, prederive
from archive.models import ArchiveRecord, ImportBatch, NameSpelling, SpellingKey
from tests.import_files import row, write

PEOPLE = [
    ("Ямашита", "Кийоси", "преф. Нийгата"),
    ("  Сато ", "Кадзуо", "Фукуока, г. Ягинума"),  # spaces around a value: stripped by the check
    ("Ватанабэ", "Синъити", "Япония, Миядзаки"),
    ("Кобаяши", "Хироши", "пр. Ниигата, уезд Ишидзава"),
    ("Танака", "Масао", "Токё"),
]


def rows() -> list[dict[str, str]]:
    out = [row(f"P-{i:03d}", s, g, birthplace_cyr=b) for i, (s, g, b) in enumerate(PEOPLE)]
    out.append(row("P-100", "", "", surname_kana="やまだ", given_name_kana="ﾀﾛｳ", birthplace_cyr=""))
    return out


def derived() -> dict:
    """What the import derived for each record, and the spellings with their keys."""
    records = {
        r["source_id"]: r
        for r in ArchiveRecord.objects.values(
            "source_id", "surname_reading", "given_name_reading", "romaji", "prefecture",
            "surname_spelling__text", "given_spelling__text",
        )
    }  # fmt: skip
    spellings = {(s.script, s.text): (s.readings, s.romaji, s.keys) for s in NameSpelling.objects.all()}
    keys = sorted(SpellingKey.objects.values_list("key", "spelling__text"))
    return {"records": records, "spellings": spellings, "keys": keys}


def import_fresh(path):
    ArchiveRecord.objects.all().delete()
    NameSpelling.objects.all().delete()
    batch = import_csv(path)
    assert batch.state == ImportBatch.State.DONE, batch.errors
    return derived()


@pytest.fixture
def started(monkeypatch):
    """What every Prederivation the imports start sent, round by round."""
    runs: list[dict] = []

    def recording(name):
        real = getattr(prederive.Prederivation, name)

        def method(self):
            result = real(self)
            if name == "prefectures":
                runs.append({})
            runs[-1][name] = result
            return result

        monkeypatch.setattr(prederive.Prederivation, name, method)

    for name in ("prefectures", "best", "rest"):
        recording(name)
    return runs


def test_it_derives_the_same_with_and_without_workers(postgres, tmp_path, monkeypatch, started):
    path = write(tmp_path / "a.csv", rows())
    monkeypatch.setattr(prederive, "PREDERIVE_FROM", 10**9)
    alone = import_fresh(path)
    assert started == [{"prefectures": {}, "best": {}, "rest": {}}]  # no worker was started

    monkeypatch.setattr(prederive, "PREDERIVE_FROM", 1)
    beside = import_fresh(path)

    best, prefectures = started[1]["best"], started[1]["prefectures"]
    assert ("cyr", "сато") in best and ("kana", "ヤマダ") in best
    assert best[("kana", "ヤマダ")] == ("ヤマダ", "Yamada")
    assert prefectures["пр. Ниигата, уезд Ишидзава"] == "15"
    assert set(started[1]["rest"]) == set(best)
    assert beside == alone
    assert alone["records"]["P-001"]["surname_spelling__text"] == "сато"
    assert alone["records"]["P-003"]["prefecture"] == "15"
    assert alone["spellings"][("cyr", "сато")][0].split()[0] == "サトウ"


def test_it_derives_only_new_spellings_when_the_archive_has_the_rest(
    postgres, tmp_path, monkeypatch, started
):
    monkeypatch.setattr(prederive, "PREDERIVE_FROM", 1)
    import_csv(write(tmp_path / "a.csv", rows()))
    again = rows() + [row("P-200", "Судзуки", "Итиро")]

    batch = import_csv(write(tmp_path / "b.csv", again))

    assert (batch.created, batch.unchanged) == (1, len(again) - 1)
    assert set(started[1]["best"]) == {("cyr", "судзуки"), ("cyr", "итиро")}
    assert NameSpelling.objects.get(script="cyr", text="судзуки").keys != ""


@pytest.mark.parametrize("broken", ["_prefectures", "_best", "_rest"])
def test_it_derives_everything_itself_when_a_worker_fails(postgres, tmp_path, monkeypatch, started, broken):
    path = write(tmp_path / "a.csv", rows())
    monkeypatch.setattr(prederive, "PREDERIVE_FROM", 10**9)
    alone = import_fresh(path)

    def fail():
        raise RuntimeError("worker failed")

    monkeypatch.setattr(prederive, "PREDERIVE_FROM", 1)
    monkeypatch.setattr(prederive, broken, fail)  # the forked workers inherit it
    beside = import_fresh(path)

    assert started[1]["rest"] == {}
    if broken != "_rest":
        assert started[1]["best"] == {}
    else:
        assert ("cyr", "сато") in started[1]["best"]
    if broken == "_prefectures":
        assert started[1]["prefectures"] == {}
    else:
        assert started[1]["prefectures"]["Токё"] == "13"
    assert beside == alone


def test_worker_shares_cover_every_value_once_and_evenly():
    spellings = [("cyr", f"имя{i}") for i in range(1001)]

    shares = prederive.shares(spellings, 3)

    assert [s for share in shares for s in share] == spellings
    assert sorted(len(share) for share in shares) == [333, 334, 334]
    assert prederive.shares(spellings[:1], 2) == [[], spellings[:1]]
