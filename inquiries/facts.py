"""The facts of an inquiry, listed once: in groups, each with its fields (of Inquiry) in order.

Data beside the model, importable from anywhere in the app above the models. Staff intake, the
correction form and the case page take their fields from here, matching the facts it reads, and
the family's pages are checked against it (tests/workflow/test_facts.py). A line is one field, or the fields shown side by side on one line (a name's
surname and given name; a date's year, month, day and 頃).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from inquiries.models import Inquiry


@dataclass(frozen=True)
class Group:
    title: str
    lines: tuple

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for line in self.lines for name in (line if isinstance(line, tuple) else (line,)))


APPLICANT = Group(
    _("申請者"),
    (
        ("applicant_surname", "applicant_given_name"),
        ("applicant_surname_kana", "applicant_given_name_kana"),
        "applicant_birth_year",
        "relationship",
        "relationship_other",
        "is_proxy",
    ),
)
CONTACT = Group(
    _("申請者の連絡先"), ("postal_code", "address", "phone", "email", "preferred_contact", "language")
)
RELATIVE = Group(
    _("ご本人"),
    (
        ("surname_kanji", "given_name_kanji"),
        ("surname_kana", "given_name_kana"),
        "reading_unknown",
        "other_names",
        ("birth_year", "birth_month", "birth_day", "birth_approximate"),
        "birthplace",
        "birthplace_detail",
    ),
)
INTERNMENT = Group(
    _("抑留について分かっていること"),
    ("unit", "rank", "capture_date", "capture_place", "last_known_place", "family_knowledge"),
)
GROUPS = (APPLICANT, CONTACT, RELATIVE, INTERNMENT)

# What staff may correct once the case exists: the relative's details and how to reach the applicant.
CORRECTABLE = RELATIVE.fields + INTERNMENT.fields + CONTACT.fields

# What matching reads: a change to any of these runs matching again.
MATCHED = (
    "surname_kanji", "given_name_kanji", "surname_kana", "given_name_kana", "reading_unknown",
    "birth_year", "birth_approximate", "birthplace", "unit",
)  # fmt: skip


def label(name: str) -> str:
    """A fact's label, as staff and families read it (the field's verbose name)."""
    field = Inquiry._meta.get_field(name)
    assert isinstance(field, models.Field), name
    return str(field.verbose_name)
