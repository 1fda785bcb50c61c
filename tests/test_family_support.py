"""Shared helpers for the family page tests (no tests here): valid answers and walking the form."""

from __future__ import annotations

import pytest
from django.core.cache import cache

APPLICANT = {
    "applicant_surname": "山田",
    "applicant_given_name": "花子",
    "applicant_surname_kana": "やまだ",
    "applicant_given_name_kana": "ﾊﾅｺ",
    "relationship": "child",
    "relationship_other": "",
    "postal_code": "１２３４５６７",
    "address": "東京都千代田区霞が関1-2-3",
    "phone": "０３１２３４５６７８",
}
RELATIVE = {
    "surname_kanji": "山田",
    "given_name_kanji": "太郎",
    "surname_kana": "ヤマダ",
    "given_name_kana": "たろう",
    "other_names": "",
    "birth_era": "大正",
    "birth_year": "10",
    "birth_month": "",
    "birth_day": "",
    "birth_approximate": "on",
    "birthplace": "15",
    "birthplace_detail": "新潟市",
}
INTERNMENT = {
    "unit": "関東軍 満洲第100部隊",
    "rank": "上等兵",
    "capture_date": "昭和20年8月頃",
    "capture_place": "牡丹江",
    "last_known_place": "ハバロフスク",
    "family_knowledge": "昭和23年に死亡の公報を受け取りました。",
}
CONTACT = {"preferred_contact": "email", "email": "hanako@example.jp", "language": "ja"}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    + b"\x00" * 64
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture
def family(settings, tmp_path):
    """Private documents under a temporary directory and rate-limit counters cleared."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()
    yield tmp_path / "private"
    try:
        cache.clear()
    except Exception:  # a test that points the cache at a dead Redis
        pass


def draft_id(client) -> str:
    return client.session["inquiry_draft"]["id"]


def post_step(client, slug, data, **extra):
    return client.post(f"/inquiries/new/{slug}/", {"draft": draft_id(client), **data}, **extra)


def fill_to_confirm(client, applicant=None, relative=None, internment=None, contact=None, files=None):
    client.get("/inquiries/new/")
    for slug, data in (
        ("applicant", applicant or APPLICANT),
        ("relative", relative or RELATIVE),
        ("internment", internment or INTERNMENT),
    ):
        response = post_step(client, slug, data)
        assert response.status_code == 302, response.content.decode()
    response = post_step(client, "documents", files or {})
    assert response.status_code == 302, response.content.decode()
    response = post_step(client, "contact", contact or CONTACT)
    assert response.status_code == 302, response.content.decode()
    return draft_id(client)


def confirm(client, key, **extra):
    return client.post(
        "/inquiries/new/confirm/", {"submission_key": key, "consent": "on", "website": "", **extra}
    )
