"""Subjects and bodies of family messages, from templates/emails/<kind>.<language>.txt.

A template's first line is the subject; the body follows after one blank line. Bodies are plain
text and must be understandable without following any link.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from archive.names import PartialDate, format_with_era_in

LANGUAGES = {"ja", "en"}


def family_name(inquiry) -> str:
    return f"{inquiry.applicant_surname} {inquiry.applicant_given_name}".strip()


def relative_name(inquiry) -> str:
    return f"{inquiry.surname_kanji} {inquiry.given_name_kanji}".strip()


def era_date(day, language: str) -> str:
    return format_with_era_in(PartialDate(day.year, day.month, day.day), language)


def render(kind: str, language: str, **context) -> tuple[str, str]:
    """(subject, body_text) for one message kind in the family's language."""
    language = language if language in LANGUAGES else "ja"
    context.setdefault("site_url", settings.SITE_URL)
    context.setdefault("today", era_date(timezone.localdate(), language))
    with translation.override(language):
        text = render_to_string(f"emails/{kind}.{language}.txt", context)
    subject, _, body = text.lstrip().partition("\n\n")
    return " ".join(subject.split()), body.strip() + "\n"


def inquiry_context(inquiry, event=None, tracking_url: str = "") -> dict:
    return {
        "inquiry": inquiry,
        "reference": inquiry.reference,
        "family_name": family_name(inquiry),
        "relative_name": relative_name(inquiry),
        "note": (event.note if event else "").strip(),
        "tracking_url": tracking_url,
    }
