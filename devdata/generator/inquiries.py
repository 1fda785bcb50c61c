"""Inquiries as families write them, and whether their facts can tell the person from namesakes.

`distinguishable` is 1 when no other person in the archive shares the reading pair and also agrees
with every fact the inquiry states: birth year within ±1 of the stated year (when one is stated) and
the same prefecture (when a birthplace is stated). A namesake the inquiry says nothing against
makes it 0. Facts are the person's true ones; what the cards say about them is noisier still.
"""

from __future__ import annotations

from .people import Person

COLUMNS = (
    "ref", "surname_kanji", "given_name_kanji", "surname_kana", "given_name_kana", "birth_date", "birthplace", "unit",
)  # fmt: skip
TRUTH_COLUMNS = ("ref", "person_id", "source_ids", "distinguishable")
_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_SUFFIX = {"北海道": "", "東京": "都", "大阪": "府", "京都": "府"}


def era_year(year: int, month: int, day: int) -> tuple[str, str, int]:
    """(era, letter, year in era) for a date; 昭和 from 1926-12-25, 大正 from 1912-07-30."""
    if (year, month, day) >= (1926, 12, 25):
        return "昭和", "S", year - 1925
    if (year, month, day) >= (1912, 7, 30):
        return "大正", "T", year - 1911
    return "明治", "M", year - 1867


def _era_number(n: int) -> str:
    return "元" if n == 1 else str(n)


def birth_date_text(rng, year: int, month: int, day: int) -> str:
    """A birth date as a family writes it: Western, era, abbreviated era, year only, year-month."""
    form = rng.random()
    mid = (year, 6, 30) if month == 0 else (year, month, day)
    era, letter, n = era_year(*mid)
    if form < 0.22:
        return str(year)
    if form < 0.42:
        return f"{era}{_era_number(n)}年"
    if form < 0.56:
        return f"{era}{_era_number(n)}年{month}月{day}日"
    if form < 0.66:
        return f"{era}{_era_number(n)}年{month}月"
    if form < 0.76:
        return f"{letter}{n}.{month}.{day}"
    if form < 0.86:
        return f"{year}-{month:02d}-{day:02d}"
    if form < 0.93:
        return f"{year}年{month}月"
    return f"{year}年（{era}{_era_number(n)}年）頃"


def kana_as_written(rng, katakana: str) -> str:
    roll = rng.random()
    if roll < 0.2:
        return katakana.translate(_KATA_TO_HIRA)
    if roll < 0.25 and "ウ" in katakana[1:]:
        return katakana[0] + katakana[1:].replace("ウ", "ー")  # サトー
    return katakana


class InquiryWriter:
    def __init__(self, rng, surnames, given):
        self.rng, self.surnames, self.given = rng, surnames, given

    def row(self, ref: str, person: Person) -> tuple[dict[str, str], int | None, str | None]:
        """The inquiry row, and the birth year and prefecture code it states (for namesakes)."""
        rng = self.rng
        s, g = self.surnames, self.given
        given_kanji = g.kanji[person.given]
        if rng.random() < 0.04:  # the family's own spelling of the name
            given_kanji = rng.choice(g.alternatives[person.given])
        row = {"ref": ref, "surname_kanji": s.kanji[person.surname], "given_name_kanji": given_kanji}
        if rng.random() >= 0.15:
            row["surname_kana"] = kana_as_written(rng, s.kana[person.surname])
            row["given_name_kana"] = kana_as_written(rng, g.kana[person.given])
        year, month, day = person.birth
        roll = rng.random()
        stated_year: int | None = None
        if roll >= 0.1:
            stated_year = year + rng.choice((-1, 1)) if roll < 0.2 else year
            row["birth_date"] = birth_date_text(rng, stated_year, month, day)
        stated_pref: str | None = None
        if rng.random() >= 0.2:
            pref = person.prefecture
            stated_pref = pref.code
            roll = rng.random()
            suffix = "" if pref.prewar else _SUFFIX.get(pref.kanji, "県")
            if roll < 0.15:
                row["birthplace"] = pref.kanji
            elif roll < 0.3 and not pref.prewar:
                row["birthplace"] = f"{pref.kanji}{suffix}{s.kanji[s.draw(rng)]}村"
            else:
                row["birthplace"] = pref.kanji + suffix
        if rng.random() < 0.4:
            row["unit"] = person.unit_ja
        return row, stated_year, stated_pref


def distinguishable(person: Person, namesakes, stated_year: int | None, stated_pref: str | None) -> int:
    """namesakes: (number, birth year, prefecture code) of everyone with this reading pair."""
    for number, year, pref in namesakes:
        if number == person.number:
            continue
        if stated_year is not None and abs(year - stated_year) > 1:
            continue
        if stated_pref is not None and pref != stated_pref:
            continue
        return 0
    return 1
