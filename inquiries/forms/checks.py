"""Cleaning the values families type: names, readings, postal codes, phone numbers, era dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.display import era_date, era_name
from archive.names import is_kana, to_katakana
from archive.names.era import ERAS, EraDateError, PartialDate, parse_japanese_date

from .base import nfkc

_NAME_CHARS = re.compile(r"^[\u3005\u3006\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002ffff]+$")  # fmt: skip
_SPACES = re.compile(r"[\s\u3000]+")


def clean_name(value: str) -> str:
    """A name in kanji (kana allowed: some given names are written in kana); no Latin letters or digits."""
    value = _SPACES.sub("", unicodedata.normalize("NFKC", value or ""))
    if value and not _NAME_CHARS.match(value):
        raise forms.ValidationError(
            _("漢字（またはひらがな・カタカナ）で入力してください。ローマ字・数字・記号は使えません。"),
            code="script",
        )
    return value


def clean_reading(value: str) -> str:
    """A reading in hiragana or katakana (half-width accepted), stored as full-width katakana."""
    if not (value or "").strip():
        return ""
    if not is_kana(value):
        raise forms.ValidationError(
            _("ふりがなは、ひらがなかカタカナで入力してください。漢字やローマ字は使えません。"), code="script"
        )
    return to_katakana(value)


def clean_postal_code(value: str) -> str:
    digits = re.sub(r"[\s\-－ー‐〒]", "", nfkc(value))
    if not re.fullmatch(r"\d{7}", digits):
        raise forms.ValidationError(
            _("郵便番号は7けたの数字で入力してください（例：123-4567 または 1234567）。"), code="postal_code"
        )
    return f"{digits[:3]}-{digits[3:]}"


def clean_phone(value: str) -> str:
    text = nfkc(value)
    digits = re.sub(r"[\s\-‐－ー()（）]", "", text)
    if digits.startswith("+81"):
        digits = "0" + digits[3:]
    if not re.fullmatch(r"0\d{9,10}", digits):
        raise forms.ValidationError(
            _("電話番号は0から始まる10けたか11けたの数字で入力してください（例：03-1234-5678）。"),
            code="phone",
        )
    if re.fullmatch(r"0\d{1,4}-\d{1,4}-\d{3,4}", text.replace(" ", "-")):
        return text.replace(" ", "-")  # keep the family's own grouping
    if len(digits) == 11:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    return f"{digits[:2]}-{digits[2:6]}-{digits[6:]}"


WESTERN = "western"
ERA_NAMES = ("明治", "大正", "昭和")


def parse_birth_date(era: str, year: str, month: str, day: str, approximate: bool) -> PartialDate:
    """Era (or 西暦) + year [+ month [+ day]] to a PartialDate, or a ValidationError in words."""
    year = nfkc(year).removesuffix("年")
    month, day = nfkc(month).removesuffix("月"), nfkc(day).removesuffix("日")
    if day and not month:
        raise forms.ValidationError(_("日を入れる場合は、月も入力してください。"), code="day_without_month")
    if era == WESTERN:
        text = f"{year}年"
    else:
        text = f"{era}{'元' if year in {'元', '1'} else year}年"
    text += (f"{month}月" if month else "") + (f"{day}日" if day else "")
    try:
        if (
            not (year == "元" or year.isdigit())
            or (month and not month.isdigit())
            or (day and not day.isdigit())
        ):
            raise EraDateError("unknown_format", {"text": text})
        parsed = parse_japanese_date(text)
    except EraDateError as error:
        raise forms.ValidationError(_date_message(error, era, year), code=error.code) from error
    if era == WESTERN and not 1868 <= parsed.year:
        raise forms.ValidationError(_("西暦の年は1868年以降で入力してください。"), code="too_early")
    today = timezone.localdate()
    latest = date(parsed.year, parsed.month or 1, parsed.day or 1)
    if latest > today:
        raise forms.ValidationError(
            _("生年月日が今日より後になっています。もう一度お確かめください。"), code="future"
        )
    return PartialDate(parsed.year, parsed.month, parsed.day, approximate=approximate)


def _date_message(error: EraDateError, era: str, year: str) -> str:
    if error.code == "era_year_out_of_range":
        last = next((e.last_year for e in ERAS if e.name == era), None)
        return _(
            "%(era)sは%(last)s年までです。%(era)s%(year)s年という年はありません。年をお確かめください。"
        ) % {
            "era": era_name(era),
            "last": last,
            "year": year,
        }
    if error.code == "outside_era":
        return _("その月日は%(era)sの期間に入りません。元号か月日をお確かめください。") % {
            "era": era_name(era)
        }
    if error.code == "invalid_date":
        return _("その月日は暦にありません（例：2月30日）。月と日をお確かめください。")
    return _("年・月・日は数字で入力してください（例：10年3月5日。元年は「1」か「元」）。")


def show_birth_date(data: dict) -> str:
    """The date as the summary shows it, in the language of the page."""
    return era_date(
        data.get("birth_year"),
        data.get("birth_month"),
        data.get("birth_day"),
        data.get("birth_approximate", False),
    )
