"""What a family types, for tests: the fields of one inquiry (a new e-mail address each time)."""

from __future__ import annotations

import uuid


def family_fields(*, contact: str = "email", language: str = "ja", **overrides) -> dict:
    """The family form's fields for 佐藤 一郎, asked about by his daughter 花子; `overrides` win."""
    tag = uuid.uuid4().hex[:10]
    fields = dict(
        applicant_surname="佐藤", applicant_given_name="花子", relationship="child", postal_code="950-0001",
        address="新潟県新潟市中央区一番町1-1", phone="025-000-0000",
        email=f"family-{tag}@example.jp" if contact == "email" else "", preferred_contact=contact,
        language=language, consent=True, surname_kanji="佐藤", given_name_kanji="一郎",
    )  # fmt: skip
    fields.update(overrides)
    return fields
