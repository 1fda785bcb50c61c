"""Pure name functions: kana, Cyrillic, romaji, keys, readings, era dates, prefectures.

No Django imports anywhere in this package.
"""

from .clerk import CLERK_HABITS, clerk_spelling, katakana_noise
from .cyrillic import cyrillic_to_katakana, cyrillic_to_romaji, normalise_cyrillic, scored_readings
from .era import (
    EraDateError,
    PartialDate,
    format_with_era,
    format_with_era_en,
    format_with_era_in,
    parse_japanese_date,
    to_era,
)
from .kana import fold_kana, is_cyrillic, is_kana, is_kanji, is_latin, to_katakana
from .keys import (
    Profile,
    best_similarity,
    name_similarity,
    phonetic_key,
    phonetic_keys_for_cyrillic,
    profile,
    profile_similarity,
)
from .polivanov import kana_to_cyrillic
from .prefectures import PREFECTURES, Prefecture, prefecture_by_code, recognise_prefecture
from .readings import readings_for_kanji
from .romaji import kana_to_romaji, romaji_to_katakana

__all__ = [
    "CLERK_HABITS",
    "clerk_spelling",
    "katakana_noise",
    "cyrillic_to_romaji",
    "kana_to_romaji",
    "romaji_to_katakana",
    "PREFECTURES",
    "Prefecture",
    "prefecture_by_code",
    "recognise_prefecture",
    "EraDateError",
    "PartialDate",
    "format_with_era",
    "format_with_era_en",
    "format_with_era_in",
    "parse_japanese_date",
    "to_era",
    "Profile",
    "best_similarity",
    "profile",
    "profile_similarity",
    "name_similarity",
    "phonetic_key",
    "phonetic_keys_for_cyrillic",
    "cyrillic_to_katakana",
    "fold_kana",
    "is_cyrillic",
    "is_kana",
    "is_kanji",
    "is_latin",
    "kana_to_cyrillic",
    "normalise_cyrillic",
    "readings_for_kanji",
    "scored_readings",
    "to_katakana",
]
