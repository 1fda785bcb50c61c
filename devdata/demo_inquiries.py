"""Demo inquiries: a few cases in the staff queue, filed as if they came by post, then matched."""

from __future__ import annotations

from archive.matching import facts_from_row
from inquiries.models import Channel, Contact, Inquiry, Relationship
from inquiries.services.submission import submit_inquiry

DEMO_APPLICANT = {
    "applicant_surname": "見本",
    "applicant_given_name": "花子",
    "applicant_surname_kana": "ミホン",
    "applicant_given_name_kana": "ハナコ",
    "applicant_birth_year": 1944,
    "relationship": Relationship.CHILD,
    "postal_code": "1008916",
    "address": "東京都千代田区霞が関1-2-2（見本）",
    "phone": "0300000000",
    "preferred_contact": Contact.POST,
    "language": "ja",
    "consent": True,
}


def load_demo_inquiries(rows: list[dict[str, str]]) -> int:
    """File each sample inquiry once (keyed by its ref); returns how many were new."""
    created = 0
    for row in rows:
        key = f"demo-{row['ref']}"
        if Inquiry.objects.filter(submission_key=key).exists():
            continue
        facts = facts_from_row(row)
        fields = dict(
            DEMO_APPLICANT,
            surname_kanji=facts.surname_kanji,
            given_name_kanji=facts.given_name_kanji,
            surname_kana=facts.surname_kana,
            given_name_kana=facts.given_name_kana,
            reading_unknown=not facts.has_reading,
            birth_year=facts.birth_year,
            birth_approximate=facts.birth_approximate,
            birthplace=facts.prefecture,
            unit=facts.unit[:200],
        )
        submit_inquiry(key, fields, [], channel=Channel.POST)
        created += 1
    return created
