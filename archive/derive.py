"""What a record derives from what its document says: the one definition every path uses.

A record's name parts are each indexed by a spelling: its Cyrillic if written, else its kana
(`spelling_pair`). A spelling's readings, romaji and phonetic keys are derived once, however
many records share it (`spelling_values`); a record copies its spellings' best readings and
romaji (`record_names`) and the prefecture its birthplace names (`prefecture_of`).
`derive_record` puts these together for one record.

Every path uses these functions: the import (generic, and PostgreSQL, which derives each
distinct value once with them and joins the results in SQL), the admin's edit of a record, and
the re-derivation of the stored spellings (archive.rederive). Tests check that an import stores
what derive_record gives, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from django.db import models

from archive.models import NameSpelling, SpellingKey
from archive.names import (
    cyrillic_to_katakana,
    is_kana,
    kana_to_romaji,
    normalise_cyrillic,
    phonetic_key,
    phonetic_keys_for_cyrillic,
    recognise_prefecture,
    scored_readings,
    to_katakana,
)
from archive.names._cyr_tables import LOOKALIKES

CYR = NameSpelling.Script.CYRILLIC.value
KANA = NameSpelling.Script.KANA.value
STRIP = " \t\r\n\u3000"  # what is stripped around every value of a document


def _max_length(model: type[NameSpelling] | type[SpellingKey], name: str) -> int:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and isinstance(field.max_length, int), name
    return field.max_length


_READINGS_MAX = _max_length(NameSpelling, "readings")
_KEYS_MAX = _max_length(NameSpelling, "keys")
_ROMAJI_MAX = _max_length(NameSpelling, "romaji")
_KEY_MAX = _max_length(SpellingKey, "key")
_LOOKALIKE_INITIAL = re.compile(r"[AaBCcEeHKkMOoPpTXxYy]\.?")
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


# Cached for the whole process: names repeat a great deal, and the check, the derivation and
# the merge of an import ask for the same values.
@lru_cache(maxsize=1 << 17)
def cyrillic_value(raw: str) -> str | None:
    """Normalised Cyrillic (Latin look-alikes mapped), or None when the text has no Cyrillic.

    An initial typed with a Latin look-alike letter («C.», «K.») is taken as the Cyrillic one.
    """
    if _HAS_CYRILLIC.search(raw) or _LOOKALIKE_INITIAL.fullmatch(raw.strip()):
        return normalise_cyrillic(raw.strip().translate(LOOKALIKES)) or None
    return None


@lru_cache(maxsize=1 << 17)
def kana_value(raw: str) -> str | None:
    """Katakana (from hiragana, half-width ...), or None when the text is not kana."""
    kana = to_katakana(raw)
    return kana if kana and is_kana(kana) else None


def spelling_pair(cyrillic: str = "", kana: str = "") -> tuple[str, str] | None:
    """The spelling a name part is indexed by, as (script, normalised text): its Cyrillic if
    written, else its kana, else None."""
    cyrillic, kana = cyrillic.strip(STRIP), kana.strip(STRIP)
    cyr = cyrillic_value(cyrillic) if cyrillic else None
    if cyr:
        return (CYR, cyr)
    katakana = kana_value(kana) if kana else None
    if katakana:
        return (KANA, katakana)
    return None


def _joined(parts: list[str], limit: int) -> str:
    """Space-separated, dropping trailing parts until it fits the column."""
    while parts and len(" ".join(parts)) > limit:
        parts = parts[:-1]
    return " ".join(parts)


def _romaji(reading: str) -> str:
    romaji = kana_to_romaji(reading) if reading else ""
    return (romaji[:1].upper() + romaji[1:])[:_ROMAJI_MAX]


class SpellingValues(NamedTuple):
    readings: str  # space-separated, the best first
    romaji: str
    keys: list[str]  # phonetic keys


def spelling_values(script: str, text: str) -> SpellingValues:
    """Readings, romaji and phonetic keys of one spelling: pure, safe in another process."""
    if script == CYR:
        readings = cyrillic_to_katakana(text)
        keys = sorted(phonetic_keys_for_cyrillic(text))
    else:
        readings = [text]
        keys = [phonetic_key(text)]
    keys = [k for k in keys if k and len(k) <= _KEY_MAX]
    keys = _joined(keys, _KEYS_MAX).split()
    return SpellingValues(_joined(readings, _READINGS_MAX), _romaji(readings[0] if readings else ""), keys)


class Copied(NamedTuple):
    """What a record copies of a spelling."""

    reading: str  # the best reading
    romaji: str


def copied_from(readings: str, romaji: str) -> Copied:
    """What a record copies of a spelling with these (stored or derived) readings and romaji."""
    return Copied(readings.split(" ", 1)[0] if readings else "", romaji)


def copied_values(script: str, text: str) -> Copied:
    """copied_from(spelling_values(script, text)) for a fraction of the work (no other readings,
    no keys): the best reading is the first of cyrillic_to_katakana's, which keeps the best first."""
    if script == CYR:
        ranked = scored_readings(text)
        reading = ranked[0][0] if ranked else ""
    else:
        reading = text
    return Copied(reading if len(reading) <= _READINGS_MAX else "", _romaji(reading))


def record_names(surname: Copied | None, given: Copied | None) -> dict[str, str]:
    """The record's readings and romaji from what it copies of its two spellings (None: no spelling).

    The PostgreSQL import states the same in its merge (archive.importing.postgres._field_sql)."""
    surname = surname or Copied("", "")
    given = given or Copied("", "")
    return {
        "surname_reading": surname.reading,
        "given_name_reading": given.reading,
        "romaji": " ".join(r for r in (surname.romaji, given.romaji) if r),
    }


@lru_cache(maxsize=1 << 17)
def prefecture_of(birthplace: str) -> str:
    """The prefecture code a birthplace names, or ''."""
    birthplace = birthplace.strip(STRIP)
    return (recognise_prefecture(birthplace) or "") if birthplace else ""


class Derived(NamedTuple):
    """A record's derived fields (derive_record)."""

    surname_spelling: tuple[str, str] | None
    given_spelling: tuple[str, str] | None
    surname_reading: str
    given_name_reading: str
    romaji: str
    prefecture: str


def derive_record(
    *, surname_cyr="", surname_kana="", given_name_cyr="", given_name_kana="", birthplace_cyr=""
) -> Derived:
    """Everything a record derives from what its document says (by the letter of the definitions:
    the imports take copied_values, its faster equal, for new spellings)."""
    surname = spelling_pair(surname_cyr, surname_kana)
    given = spelling_pair(given_name_cyr, given_name_kana)
    copied = [copied_from(*spelling_values(*pair)[:2]) if pair else None for pair in (surname, given)]
    names = record_names(*copied)
    return Derived(surname, given, **names, prefecture=prefecture_of(birthplace_cyr))
