"""A person's documents as archive rows: a card per camp, each by a clerk with their own habits.

Noise rates are per card: the birth year is off by one or missing, the given name cut short or an
initial, surname and given name swapped, birthplace, rank or unit left blank. Death lists are often
known only from the ministry's katakana lists (no Cyrillic at all).
"""

from __future__ import annotations

import itertools

from archive.names import katakana_noise
from archive.names.polivanov import split_morae

from . import tables
from .clerks import Speller, hire
from .people import Camp, Person
from .pools import pick

COLUMNS = (
    "source_id", "surname_cyr", "given_name_cyr", "patronymic_cyr", "birth_year", "birthplace_cyr", "rank_cyr",
    "unit_cyr", "camp", "region", "death_date", "death_cause", "burial_site", "grave_no", "archive_ref",
    "surname_kana", "given_name_kana", "document_type",
)  # fmt: skip
_BP_FORMS = tuple(f for _w, f in tables.BIRTHPLACE_FORMS)
_BP_CUM = tuple(itertools.accumulate(w for w, _f in tables.BIRTHPLACE_FORMS))
_FONDS = tuple(f for _w, f in tables.ARCHIVE_FONDS)
_FONDS_CUM = tuple(itertools.accumulate(w for w, _f in tables.ARCHIVE_FONDS))
_CYRILLIC_TWINS = str.maketrans("aoecpkxAOECPKX", "аоесркхАОЕСРКХ")  # a typewriter's Latin twin


def source_ids(seed: int, records: int) -> list[str]:
    """Distinct random ids: nothing in an id says which cards belong to one person."""
    import random

    numbers = random.Random(f"ids-{seed}").sample(range(10_000_000, 100_000_000), records)
    return [f"G{seed}-{n}" for n in numbers]


def clerks_for(camps: tuple[Camp, ...], rng) -> list[list[object]]:
    """Each camp's clerks (2 to 6), each with a persistent clerk profile and quirks."""
    return [[hire(rng) for _ in range(rng.randint(2, 6))] for _camp in camps]


def _n(rng, high: int) -> int:
    """1..high, cheaper than randint."""
    return 1 + int(rng.random() * high)


class CardWriter:
    """Turns a person into rows; `rows(person)` yields (bucket, row) pairs."""

    def __init__(self, ids: list[str], rng, surnames, given, camps, clerks):
        self.ids, self.rng, self.surnames, self.given = ids, rng, surnames, given
        self.camps, self.clerks = camps, clerks
        self.counter = 0
        self.speller = Speller()

    def next_id(self) -> str:
        self.counter += 1
        return self.ids[self.counter - 1] if self.counter <= len(self.ids) else ""

    def spell(self, katakana: str, clerk) -> str:
        return self.speller.spell(katakana, clerk, self.rng)

    def archive_ref(self) -> str:
        rng = self.rng
        form = pick(rng, _FONDS, _FONDS_CUM)
        return form.format(o=_n(rng, 30), d=_n(rng, 4000), l=_n(rng, 400))

    def birthplace(self, person: Person, clerk) -> str:
        rng, pref = self.rng, person.prefecture
        if pref.kanji in tables.BIRTHPLACE_ABROAD:
            return rng.choice(tables.BIRTHPLACE_ABROAD[pref.kanji])
        heard = pref.cyrillic if rng.random() < 0.4 else self.spell(pref.kana, clerk)
        form = pick(rng, _BP_FORMS, _BP_CUM)
        return form.format(
            p=heard,
            P=heard.upper(),
            c=self.spell(person.county, clerk) if "{c}" in form else "",
            v=self.spell(person.village, clerk) if "{v}" in form else "",
        )

    def given_as_written(self, kana: str, clerk) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.04:  # cut short: Кадзуо → Кадзу
            morae = split_morae(kana)
            if len(morae) > 2:
                kana = "".join(morae[: rng.randint(2, len(morae) - 1)])
        spelled = self.spell(kana, clerk)
        if 0.04 <= roll < 0.06 and spelled:  # initial only
            return spelled[0].translate(_CYRILLIC_TWINS).upper() + "."
        return spelled

    def rows(self, person: Person):
        rng = self.rng
        s_kana = self.surnames.kana[person.surname]
        g_kana = self.given.kana[person.given]
        year = person.birth[0]
        bp_known = rng.random() > 0.1
        unit_forms = tables.UNITS[person.unit][2]
        last = len(person.camps) - 1
        for i, camp_index in enumerate(person.camps):
            camp = self.camps[camp_index]
            clerk = rng.choice(self.clerks[camp_index])
            surname = self.spell(s_kana, clerk)
            given = self.given_as_written(g_kana, clerk)
            if rng.random() < 0.04:
                surname, given = given, surname
            roll = rng.random()
            birth_year = "" if roll < 0.08 else str(year + rng.choice((-1, 1))) if roll < 0.16 else str(year)
            doc = "personal_file" if i == 0 and rng.random() < 0.25 else "registration_card"
            row = {
                "source_id": self.next_id(),
                "surname_cyr": surname,
                "given_name_cyr": given,
                "patronymic_cyr": self.spell(self.given.kana[self.given.draw(rng)], clerk)
                if rng.random() < 0.03
                else "",
                "birth_year": birth_year,
                "birthplace_cyr": self.birthplace(person, clerk) if bp_known and rng.random() > 0.2 else "",
                "rank_cyr": person.rank if rng.random() > 0.3 else "",
                "unit_cyr": rng.choice(unit_forms).format(n=person.unit_number)
                if rng.random() > 0.35
                else "",
                "camp": camp.name,
                "region": camp.region if rng.random() > 0.03 else "",
                "archive_ref": self.archive_ref(),
                "document_type": doc,
            }
            if person.death and i == last and rng.random() < 0.5:
                row.update(self.death_fields(person, camp, burial=False))
            yield camp_index, row
        if person.death:
            yield from self.death_rows(person, s_kana, g_kana, self.camps[person.camps[-1]], last)
        if rng.random() < 0.045:  # the ministry's own katakana list (no Cyrillic survives)
            yield -1, self.kana_row(person, s_kana, g_kana, "other", self.camps[person.camps[0]])

    def death_fields(self, person: Person, camp: Camp, burial: bool) -> dict[str, str]:
        rng = self.rng
        y, m, d, cause, precision = person.death
        date = f"{y}" if precision == 1 else f"{y}-{m:02d}" if precision == 2 else f"{y}-{m:02d}-{d:02d}"
        fields = {"death_date": date, "death_cause": cause}
        if burial:
            town = camp.towns[person.number % len(camp.towns)]
            fields["burial_site"] = f"Кладбище № {1 + person.number % 9}, пос. {town}"
            fields["grave_no"] = rng.choice(("{a}", "{b}-{a}", "ряд {b}, могила {a}")).format(
                a=1 + person.number * 37 % 600, b=1 + person.number * 11 % 40
            )
        return fields

    def kana_row(self, person: Person, s_kana: str, g_kana: str, doc: str, camp: Camp) -> dict[str, str]:
        rng = self.rng
        roll = rng.random()
        year = person.birth[0]
        return {
            "source_id": self.next_id(),
            "surname_kana": katakana_noise(s_kana, rng),
            "given_name_kana": katakana_noise(g_kana, rng),
            "birth_year": ""
            if roll < 0.15
            else str(year + rng.choice((-1, 1)))
            if roll < 0.25
            else str(year),
            "camp": camp.name if rng.random() < 0.5 else "",
            "region": camp.region,
            "archive_ref": self.archive_ref(),
            "document_type": doc,
        }

    def death_rows(self, person: Person, s_kana: str, g_kana: str, camp: Camp, last: int):
        rng = self.rng
        if rng.random() < 0.75:
            row = self.kana_row(person, s_kana, g_kana, "death_list", camp)
        else:
            clerk = rng.choice(self.clerks[person.camps[last]])
            row = {
                "source_id": self.next_id(),
                "surname_cyr": self.spell(s_kana, clerk),
                "given_name_cyr": self.given_as_written(g_kana, clerk),
                "birth_year": str(person.birth[0]) if rng.random() < 0.8 else "",
                "camp": camp.name,
                "region": camp.region,
                "archive_ref": self.archive_ref(),
                "document_type": "death_list",
            }
            if rng.random() < 0.3:  # the ministry's katakana beside the Cyrillic
                row["surname_kana"] = katakana_noise(s_kana, rng)
                row["given_name_kana"] = katakana_noise(g_kana, rng)
        row.update(self.death_fields(person, camp, burial=True))
        yield -2, row
        if rng.random() < 0.3:
            clerk = rng.choice(self.clerks[person.camps[last]])
            act = {
                "source_id": self.next_id(),
                "surname_cyr": self.spell(s_kana, clerk),
                "given_name_cyr": self.given_as_written(g_kana, clerk),
                "camp": camp.name,
                "region": camp.region,
                "archive_ref": self.archive_ref(),
                "document_type": "burial_act",
            }
            act.update(self.death_fields(person, camp, burial=True))
            yield -2, act
