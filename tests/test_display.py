"""Places and dates in the language of the page."""

from __future__ import annotations

from django.utils import translation

from archive.display import era_date, era_name, place_name


def test_it_names_places_eras_and_dates_in_the_language_of_the_page():
    with translation.override("ja"):
        assert (place_name("15"), era_name("大正")) == ("新潟県", "大正")
        assert era_date(1921, 3, 5) == "1921年3月5日（大正10年3月5日）"
    with translation.override("en"):
        assert (place_name("15"), era_name("大正")) == ("Niigata", "Taishō")
        assert era_date(1921, approximate=True) == "c. 1921 (Taishō 10)"
        assert era_date(1946, 2, 11) == "1946-02-11 (Shōwa 21)"


def test_it_shows_what_it_cannot_name_as_it_is():
    with translation.override("en"):
        assert (place_name(""), place_name("88"), era_name("西暦")) == ("", "88", "西暦")
        assert era_date(None) == "" and era_date(1921, 13) == "1921"
