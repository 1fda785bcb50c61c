"""Find archive records by a name typed in any script, or by source ID.

A word is turned into katakana reading(s) — Cyrillic through the clerk-tolerant reader, kana in any
form (hiragana, half-width, サトー/サトウ), romaji (Sato, Satou, Satō), kanji through known readings —
then into phonetic keys; the indexed `SpellingKey` rows give the spellings, and the spellings'
foreign keys give the records. A Cyrillic word also matches spellings that start with it (Сато
finds Сатоо). Two words are surname and given name, in either order (clerks swapped them).
Every step reads an index; nothing scans the records table.
"""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from archive.models import ArchiveRecord, NameSpelling, SpellingKey
from archive.names import (
    is_cyrillic,
    is_kana,
    is_kanji,
    is_latin,
    normalise_cyrillic,
    phonetic_key,
    phonetic_keys_for_cyrillic,
    readings_for_kanji,
    romaji_to_katakana,
    to_katakana,
)

__all__ = ["search_records", "spelling_ids"]
MAX_SPELLINGS = 5000  # a word matching more spellings than this is too vague to narrow anything
_PREFIX_MIN = 2
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _is_cyrillic(word: str) -> bool:
    """Cyrillic, also with a typewriter's Latin look-alike in it (Ваkаяма)."""
    return bool(_HAS_CYRILLIC.search(word)) and is_cyrillic(normalise_cyrillic(word))


def _keys(word: str, part: str) -> set[str]:
    if _is_cyrillic(word):
        return set(phonetic_keys_for_cyrillic(normalise_cyrillic(word)))
    katakana = to_katakana(word)
    if katakana and is_kana(katakana):
        return {phonetic_key(katakana)}
    if is_latin(word):
        katakana = romaji_to_katakana(word)
        return {phonetic_key(katakana)} if katakana else set()
    if is_kanji(word):
        return {phonetic_key(reading) for reading, _score in readings_for_kanji(word, part)[:3]}
    return set()


def spelling_ids(word: str, part: str = "surname") -> list[int]:
    """Ids of the name spellings a word may stand for (phonetic keys, plus Cyrillic prefix)."""
    keys = {k for k in _keys(word, part) if k}
    ids: set[int] = set()
    if keys:
        ids.update(
            SpellingKey.objects.filter(key__in=keys).values_list("spelling_id", flat=True)[:MAX_SPELLINGS]
        )
    if _is_cyrillic(word):
        text = normalise_cyrillic(word)
        if len(text) >= _PREFIX_MIN:
            after = text[:-1] + chr(ord(text[-1]) + 1)  # сато → сатп: the range an index can serve
            prefixed = NameSpelling.objects.filter(
                script=NameSpelling.Script.CYRILLIC, text__gte=text, text__lt=after, text__startswith=text
            )
            ids.update(prefixed.values_list("id", flat=True)[:MAX_SPELLINGS])
    return sorted(ids)


def search_records(query: str) -> QuerySet[ArchiveRecord]:
    """Records whose surname or given name sounds like the query, or whose source ID it is."""
    query = " ".join(query.split())
    records = ArchiveRecord.objects.all()
    if not query:
        return records.none()
    condition = Q(source_id=query)
    words = query.split(" ")
    if len(words) == 1:
        ids = spelling_ids(words[0], "surname")
        given_ids = spelling_ids(words[0], "given") if is_kanji(words[0]) else ids
        if ids or given_ids:
            condition |= Q(surname_spelling_id__in=ids) | Q(given_spelling_id__in=given_ids)
    else:
        first, second = words[0], "".join(words[1:])
        as_surname = spelling_ids(first, "surname"), spelling_ids(second, "given")
        swapped = spelling_ids(second, "surname"), spelling_ids(first, "given")
        for surname_ids, given_ids in (as_surname, swapped):
            if surname_ids and given_ids:
                condition |= Q(surname_spelling_id__in=surname_ids, given_spelling_id__in=given_ids)
    return records.filter(condition)
