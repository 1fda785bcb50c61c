"""Places of birth or family registration: the 47 prefectures in the standard order, then pre-war places."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from archive.display import place_name
from archive.names import PREFECTURES

# Codes from the name library's table: JIS codes 01–47, then 91–97 for pre-war places.
_CODES = [p.code for p in PREFECTURES]


def place_choices():
    """Named in the language of the page (the form lists them as it is shown)."""
    return [("", _("選んでください（分からなければこのままで結構です）"))] + [
        (_("都道府県"), [(code, place_name(code)) for code in _CODES[:47]]),
        (_("戦前の地域"), [(code, place_name(code)) for code in _CODES[47:]]),
    ]
