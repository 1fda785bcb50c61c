"""Sending the inquiry: one inquiry per form, a receipt number, a private link stored only as a hash."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.db import connection
from django.utils import timezone, translation
from django.utils.formats import date_format

from inquiries.models import Inquiry, InquiryEvent, Notification, Status
from tests import test_family_support
from tests.test_family_support import CONTACT, confirm, fill_to_confirm

pytestmark = pytest.mark.django_db
family = test_family_support.family  # fixture: private files in a temporary directory, fresh limits


def test_it_files_an_inquiry_and_shows_the_receipt_number_large(client, family):
    key = fill_to_confirm(client)
    response = confirm(client, key)
    assert response.status_code == 302 and response["Location"] == "/inquiries/new/receipt/"
    html = client.get("/inquiries/new/receipt/").content.decode()
    inquiry = Inquiry.objects.get()
    assert re.fullmatch(r"\d{4}-\d{6}", inquiry.reference)
    assert f'<p class="receipt-number mb-2">{inquiry.reference}</p>' in html
    assert "本人確認書類" in html and "戸籍謄本" in html and "〒100-8916" in html
    assert inquiry.surname_kana == "ヤマダ" and inquiry.given_name_kana == "タロウ"
    assert (inquiry.birth_year, inquiry.birth_month, inquiry.birth_approximate) == (1921, None, True)
    assert inquiry.birthplace == "15" and inquiry.postal_code == "123-4567" and inquiry.consent
    assert inquiry.status == Status.RECEIVED
    event = InquiryEvent.objects.get(inquiry=inquiry)
    assert (event.from_status, event.to_status) == ("", Status.RECEIVED)


def test_it_shows_the_birth_date_with_the_era_on_the_confirm_page(client, family):
    fill_to_confirm(client)
    html = client.get("/inquiries/new/confirm/").content.decode()
    assert "1921年頃（大正10年頃）" in html
    assert html.count("修正する") >= 5 and "?return=confirm" in html


def test_an_english_page_gives_dates_and_places_in_english(client, family, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    key = fill_to_confirm(client)
    html = client.get("/inquiries/new/relative/").content.decode()
    assert ">Niigata</option>" in html and ">Manchuria</option>" in html and "新潟県" not in html
    html = client.get("/inquiries/new/confirm/").content.decode()
    assert "c. 1921 (Taishō 10)" in html and "Niigata" in html
    assert "新潟県" not in html and "大正" not in html
    confirm(client, key)
    html = client.get("/inquiries/new/receipt/").content.decode()
    with translation.override("en"):
        received = date_format(timezone.localtime(Inquiry.objects.get().created_at))  # "Nov. 30, 2026"
    assert f"Date received: {received}" in html


def test_it_returns_to_the_confirm_page_after_a_correction(client, family):
    key = fill_to_confirm(client)
    response = client.post(
        "/inquiries/new/contact/",
        {"draft": key, "return": "confirm", **dict(CONTACT, email="new@example.jp")},
    )
    assert response["Location"] == "/inquiries/new/confirm/"
    assert "new@example.jp" in client.get("/inquiries/new/confirm/").content.decode()


def test_it_creates_one_inquiry_when_the_same_confirmation_is_sent_twice(client, family):
    key = fill_to_confirm(client)
    first = confirm(client, key)
    second = confirm(client, key)
    assert first["Location"] == second["Location"] == "/inquiries/new/receipt/"
    assert Inquiry.objects.count() == 1
    assert Inquiry.objects.get().reference in client.get("/inquiries/new/receipt/").content.decode()


def test_it_gives_consecutive_receipt_numbers(client, family):
    confirm(client, fill_to_confirm(client))
    confirm(client, fill_to_confirm(client))
    first, second = Inquiry.objects.order_by("pk").values_list("reference", flat=True)
    assert int(second[-6:]) == int(first[-6:]) + 1 and first[:5] == second[:5]


def tables_holding(token: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            if token in repr(cursor.fetchall()):
                found.append(table)
    return found


def receipt_token(client) -> str:
    html = client.get("/inquiries/new/receipt/").content.decode()
    return re.search(r"/inquiries/status/([A-Za-z0-9_\-]{40,})/", html).group(1)


def test_it_stores_only_the_hash_of_the_tracking_link(client, family):
    no_email = dict(CONTACT, preferred_contact="post", email="")
    confirm(client, fill_to_confirm(client, contact=no_email))
    token = receipt_token(client)
    inquiry = Inquiry.objects.get()
    assert inquiry.tracking_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert client.get(f"/inquiries/status/{token}/").status_code == 200
    # not in the inquiry, the session table or anywhere else; only the receipt letter/e-mail waiting
    # in the notifications outbox carries it to the family
    assert set(tables_holding(token)) <= {"inquiries_notification"}
    assert "django_session" not in tables_holding(token)


def test_it_hands_the_link_to_the_receipt_e_mail_only(client, family):
    confirm(client, fill_to_confirm(client))
    token = receipt_token(client)
    receipt = Notification.objects.get(inquiry=Inquiry.objects.get())
    assert receipt.channel == "email"
    assert f"http://127.0.0.1:8000/inquiries/status/{token}/" in receipt.body_text
    assert set(tables_holding(token)) == {"inquiries_notification"}


def test_it_asks_for_consent_in_plain_words(client, family):
    key = fill_to_confirm(client)
    response = client.post("/inquiries/new/confirm/", {"submission_key": key, "website": ""})
    assert response.status_code == 400
    assert "にチェックを入れてください" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_it_saves_nothing_when_the_hidden_robot_field_is_filled(client, family):
    key = fill_to_confirm(client)
    response = confirm(client, key, website="http://spam.example")
    assert response.status_code == 400 and "受け付けられませんでした" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_it_saves_nothing_and_says_so_when_the_session_expired(client, family):
    key = fill_to_confirm(client)
    session = client.session
    session.pop("inquiry_draft")
    session.save()
    response = confirm(client, key)
    assert "入力中の内容が見つかりませんでした" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_it_refuses_more_than_the_limit_of_inquiries_from_one_address(client, settings):
    settings.FAMILY_SUBMIT_LIMIT = 2
    for _ in range(2):
        assert confirm(client, fill_to_confirm(client)).status_code == 302
    response = confirm(client, fill_to_confirm(client))
    assert response.status_code == 429
    assert "しばらくしてからお試しください" in response.content.decode()
    assert Inquiry.objects.count() == 2
