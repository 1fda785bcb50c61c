"""Places and dates as pages show them, in the language of the page (Japanese or English)."""

from __future__ import annotations

from django.utils.translation import get_language

from archive.names import PartialDate, format_with_era_in, prefecture_by_code
from archive.names.era import ERAS

_ERAS = {era.name: era for era in ERAS}


def _language() -> str:
    return get_language() or "ja"


def _english() -> bool:
    return _language().lower().startswith("en")


def era_name(name: str) -> str:
    """大正 on a Japanese page, Taishō on an English one (any other text as it is)."""
    era = _ERAS.get(name)
    return era.romaji if era is not None and _english() else name


def place_name(code: str) -> str:
    """新潟県 on a Japanese page, Niigata on an English one; an unknown code as it is."""
    place = prefecture_by_code(code or "")
    if place is None:
        return code or ""
    return place.english if _english() else place.full_name


def era_date(year, month=None, day=None, approximate: bool = False) -> str:
    """1921年（大正10年） or 1921 (Taishō 10); empty when the year is unknown, the year alone when
    the date is not one the era table can place."""
    if not year:
        return ""
    try:
        return format_with_era_in(PartialDate(year, month or None, day or None, approximate), _language())
    except ValueError:
        return str(year)
