"""Places of birth or family registration: the 47 prefectures in the standard order, then pre-war places."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from archive.names import PREFECTURES

_SUFFIX = {"北海道": "", "東京": "都", "京都": "府", "大阪": "府"}


def _full_name(prefecture) -> str:
    """新潟 → 新潟県, 東京 → 東京都, 大阪 → 大阪府; pre-war places as they are."""
    if prefecture.prewar:
        return prefecture.kanji
    return prefecture.kanji + _SUFFIX.get(prefecture.kanji, "県")


# (code, name) from the name library's table: JIS codes 01–47, then 91–97 for pre-war places.
PLACES: tuple[tuple[str, str], ...] = tuple((p.code, _full_name(p)) for p in PREFECTURES)
PLACE_NAMES = dict(PLACES)


def place_choices():
    return [("", _("選んでください（分からなければこのままで結構です）"))] + [
        (_("都道府県"), [(code, name) for code, name in PLACES[:47]]),
        (_("戦前の地域"), [(code, name) for code, name in PLACES[47:]]),
    ]
