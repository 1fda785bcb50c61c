"""In-memory index of distinct name spellings, for candidate generation (blocking).

Names repeat a great deal, so the distinct spellings are few beside the records (tens of
thousands for 600,000 records). Each process keeps them in memory with their readings and
phonetic keys. The spellings near a reading (`spellings_near`) are those with one of these keys:

1. its phonetic key (long vowels, voicing, ё/йо already folded by `archive.names.phonetic_key`);
2. keys one edit away — a letter lost, added or confused — through a symmetric-deletion map
   (every key minus one letter), so a clerk's dropped or wrong letter still blocks together;
3. keys one whole syllable longer or shorter (Синаава for シナガワ), through a second map of
   every key minus one mora.

A given name may also be written as an initial («С.»): such spellings have no reading and are
indexed by their letter. Or cut short (Мунэ for Мунэёси): for a given name the keys that are
its whole-syllable prefixes count as near too.

The index loads new spellings incrementally: a cheap `MAX(id)` query tells when an import
added some. So it counts on a spelling id, once seen, naming the same spelling for ever: true
of committed spellings (none is ever deleted), but SQLite gives the ids of rolled-back rows to
the next ones, so whatever rolls back spellings this process has seen (each test does) must
clear the index.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict

from archive.models import NameSpelling, SpellingRederive
from archive.names import Profile, kana_to_cyrillic, phonetic_key, profile

from .scoring import READINGS_COMPARED

_MORA = re.compile(r"[KSTCZNHPMYRW]Y?[AIUEO]|[AIUEO]|N")
# Initials a clerk may have heard for the first sound of a name (ш for с, ч for т, з for дз ...).
_INITIAL_ALIKE = {
    "с": "сш",
    "ш": "шс",
    "т": "тч",
    "ч": "чт",
    "д": "дз",
    "з": "зд",
    "э": "эе",
    "е": "еэ",
    "ё": "ёйие",  # ё typed as е, as Russian print mostly has it
}


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _mora_deletions(key: str) -> set[str]:
    morae = _MORA.findall(key)
    if len(morae) < 3:
        return set()
    return {"".join(morae[:i] + morae[i + 1 :]) for i in range(len(morae))}


def _prefixes(key: str) -> list[str]:
    """The key's proper prefixes, whole syllables each (MU, MUNE, MUNEYO of MUNEYOSI)."""
    morae = _MORA.findall(key)
    return ["".join(morae[:i]) for i in range(1, len(morae))]


def initial_of(reading: str) -> str:
    cyrillic = kana_to_cyrillic(reading).lower()
    return cyrillic[:1]


class SpellingIndex:
    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Forget every spelling: the next refresh loads them all."""
        self.readings: dict[int, tuple[str, ...]] = {}
        self.profiles: dict[int, tuple[Profile, ...]] = {}
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_deletion: dict[str, set[str]] = defaultdict(set)
        self.by_mora_deletion: dict[str, set[str]] = defaultdict(set)
        self.initials: dict[int, str] = {}  # spelling id → the letter of a name written as an initial
        self.by_initial: dict[str, list[int]] = defaultdict(list)
        self.last_id = 0
        self.rederived = 0  # the last SpellingRederive this index has seen
        self._lock = threading.Lock()

    def refresh(self) -> None:
        """Load spellings added since the last call (two indexed queries when nothing is new);
        all of them again after rederive_spellings has changed stored ones."""
        newest = NameSpelling.objects.order_by("-id").values_list("id", flat=True).first() or 0
        rederived = SpellingRederive.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if newest < self.last_id or rederived != self.rederived:  # emptied or derived again
            self.clear()
            self.rederived = rederived
        if newest == self.last_id:
            return
        with self._lock:
            rows = NameSpelling.objects.filter(id__gt=self.last_id).values_list(
                "id", "script", "text", "readings", "keys"
            )
            for spelling_id, script, text, readings, keys in rows.iterator(chunk_size=20000):
                self.last_id = max(self.last_id, spelling_id)
                # One Cyrillic letter is an initial («С.», «Е.»), a vowel as much as a consonant.
                if len(text) == 1 and script == NameSpelling.Script.CYRILLIC:
                    self.initials[spelling_id] = text
                    self.by_initial[text].append(spelling_id)
                    continue
                self.readings[spelling_id] = tuple(readings.split()[:READINGS_COMPARED])
                self.profiles[spelling_id] = tuple(profile(r) for r in self.readings[spelling_id])
                for key in set(keys.split()):
                    if key not in self.by_key:
                        for deleted in _deletions(key):
                            self.by_deletion[deleted].add(key)
                        for deleted in _mora_deletions(key):
                            self.by_mora_deletion[deleted].add(key)
                    self.by_key[key].append(spelling_id)

    def near_keys(self, key: str) -> dict[str, int]:
        """Indexed keys within one edit of `key`, with their distance (0 or 1)."""
        if not key:
            return {}
        found = {key: 0} if key in self.by_key else {}
        for other in self.by_deletion.get(key, ()):  # one letter added
            found.setdefault(other, 1)
        for deleted in _deletions(key):
            if deleted in self.by_key:  # one letter lost
                found.setdefault(deleted, 1)
            for other in self.by_deletion.get(deleted, ()):  # one letter confused
                found.setdefault(other, 1)
        for other in self.by_mora_deletion.get(key, ()):  # one syllable more
            found.setdefault(other, 1)
        for deleted in _mora_deletions(key):  # one syllable lost
            if deleted in self.by_key:
                found.setdefault(deleted, 1)
        return found

    def spellings_near(self, reading: str, *, initials: bool = False) -> set[int]:
        ids: set[int] = set()
        for key in self.near_keys(phonetic_key(reading)):
            ids.update(self.by_key[key])
        if initials:
            first = initial_of(reading)
            for letter in _INITIAL_ALIKE.get(first, first):
                ids.update(self.by_initial.get(letter, ()))
            for prefix in _prefixes(phonetic_key(reading)):  # cut short: Мунэ for Мунэёси
                ids.update(self.by_key.get(prefix, ()))
        return ids

    def initial_agrees(self, spelling_id: int, reading: str) -> bool:
        first = initial_of(reading)
        return self.initials.get(spelling_id, "") in _INITIAL_ALIKE.get(first, first)


_index = SpellingIndex()


def spelling_index() -> SpellingIndex:
    _index.refresh()
    return _index
