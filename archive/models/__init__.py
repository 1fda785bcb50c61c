"""Archive records transcribed from Soviet and Mongolian documents.

What a document says is kept exactly as written (Cyrillic or katakana); beside it the import derives
what search and matching use. A name spelling is derived once however many records share it:
`NameSpelling` holds its readings and phonetic keys, `SpellingKey` indexes the keys for blocking.
"""

from .batches import ImportBatch
from .places import BurialSite, Camp
from .records import ArchiveRecord, ArchiveRecordQuerySet
from .spellings import NameSpelling, SpellingKey, SpellingRederive

__all__ = [
    "ArchiveRecord", "ArchiveRecordQuerySet", "BurialSite", "Camp", "ImportBatch", "NameSpelling", "SpellingKey",
    "SpellingRederive",
]  # fmt: skip
