"""No raw tracking token in a cookie: the link staff see once after entering a postal or telephone
inquiry is kept in the session (server side), not in Django's signed but readable messages cookie."""

from __future__ import annotations

import re
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from devdata.management.commands.load_demo_data import Command as LoadDemoData
from inquiries.models import Inquiry
from inquiries.roles import sync_role_groups
from inquiries.tokens import hash_token

pytestmark = pytest.mark.django_db

TELEPHONE_ENTRY = {
    "channel": "phone", "applicant_surname": "山田", "applicant_given_name": "一郎",
    "applicant_surname_kana": "やまだ", "applicant_given_name_kana": "イチロウ", "applicant_birth_year": "1940",
    "relationship": "child", "postal_code": "9500001", "address": "新潟市中央区1-1",
    "phone": "0251234567", "preferred_contact": "phone", "consent": "on",
    "surname_kanji": "山田", "given_name_kanji": "太郎", "surname_kana": "ヤマダ", "given_name_kana": "タロウ",
    "birth_year": "1920", "birthplace": "15",
}  # fmt: skip


def readable(value: str) -> str:
    """A cookie's value as anyone holding it can read it: Django's signed values are only compressed."""
    payload = value.split(":", 1)[0]
    if payload.startswith("."):
        try:
            return zlib.decompress(signing.b64_decode(payload[1:].encode())).decode()
        except (zlib.error, ValueError):
            return value
    return value


def test_it_decodes_a_signed_compressed_cookie_as_an_attacker_would():
    signed = signing.get_cookie_signer(salt="x").sign_object(["token-abc" * 20], compress=True)
    assert "token-abc" not in signed and "token-abc" in readable(signed)


def test_the_tracking_link_shown_to_staff_is_in_no_cookie(client):
    sync_role_groups()
    LoadDemoData().create_demo_users()
    client.force_login(get_user_model().objects.get(username="intake"))
    added = client.post(reverse("admin:inquiries_inquiry_add"), TELEPHONE_ENTRY)
    assert added.status_code == 302
    page = client.get(added["Location"])
    token = re.search(r"/inquiries/status/([A-Za-z0-9_\-]{40,})/", page.content.decode()).group(1)
    assert Inquiry.objects.get().tracking_token_hash == hash_token(token)
    cookies = [(name, morsel.value) for r in (added, page) for name, morsel in r.cookies.items()]
    cookies += [(name, morsel.value) for name, morsel in client.cookies.items()]
    assert cookies, "no cookie at all: nothing was checked"
    for name, value in cookies:
        assert token not in readable(value), f"the {name} cookie holds the tracking token"
