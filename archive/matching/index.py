"""In-memory index of distinct name spellings, for candidate generation (blocking).

Names repeat a great deal, so the distinct spellings are few beside the records (tens of
thousands for 600,000 records). Each process keeps them in memory with their readings and
phonetic keys, and finds the spellings near a reading in two steps:

1. its phonetic key (long vowels, voicing, ё/йо already folded by `archive.names.phonetic_key`);
2. keys one edit away — a letter lost, added or confused — through a symmetric-deletion map
   (every key minus one letter), so a clerk's dropped or wrong letter still blocks together.

The index loads new spellings incrementally: a cheap `MAX(id)` query tells when an import
added some.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from archive.models import NameSpelling
from archive.names import phonetic_key


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


class SpellingIndex:
    def __init__(self) -> None:
        self.readings: dict[int, tuple[str, ...]] = {}
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_deletion: dict[str, set[str]] = defaultdict(set)
        self.last_id = 0
        self._lock = threading.Lock()

    def refresh(self) -> None:
        """Load spellings added since the last call (one indexed query when nothing is new)."""
        newest = NameSpelling.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if newest < self.last_id:  # the table was emptied (tests, a fresh database): start over
            self.__init__()
        if newest == self.last_id:
            return
        with self._lock:
            rows = NameSpelling.objects.filter(id__gt=self.last_id).values_list("id", "readings", "keys")
            for spelling_id, readings, keys in rows.iterator(chunk_size=20000):
                self.readings[spelling_id] = tuple(readings.split())
                for key in set(keys.split()):
                    if key not in self.by_key:
                        for deleted in _deletions(key):
                            self.by_deletion[deleted].add(key)
                    self.by_key[key].append(spelling_id)
                self.last_id = max(self.last_id, spelling_id)

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
        return found

    def spellings_near(self, reading: str) -> set[int]:
        ids: set[int] = set()
        for key in self.near_keys(phonetic_key(reading)):
            ids.update(self.by_key[key])
        return ids


_index = SpellingIndex()


def spelling_index() -> SpellingIndex:
    _index.refresh()
    return _index
