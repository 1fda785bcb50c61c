"""Bad values in addresses and forms: NUL and control characters answer our 400 page, odd values are
ignored or refused in words; never a 500 (config.badinput, the admin's filters).

The admin pages are opened as each demo role, with every parameter of every changelist's filters,
its search, ordering and paging; on PostgreSQL, which refuses NUL in a string (SQLite stores it)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ALL_VAR, IS_FACETS_VAR, ORDER_VAR, PAGE_VAR, SEARCH_VAR

from audit.models import AuditEntry
from inquiries.models import Inquiry, InquiryEvent, Message, Notification, Status
from tests import test_family_support
from tests.permissions.world import build_world
from tests.test_family_support import APPLICANT, fill_to_confirm, post_step
from tests.workflow.conftest import make_inquiry

pytestmark = pytest.mark.django_db

ROLES = ("intake", "matcher", "verifier", "manager")  # the demo logins
REFUSED = ("\x00", "山田\x00", "\x01", "a\nb", "\x1f", "\x7f")  # 400: our page
# Digits int() cannot read, numbers past any id, text the filters compare with their choices.
ODD = ("²", "٣", "-1", "9" * 30, "1.5", "'", "x" * 3000, "😀", "\u202e", "2026-02-30", "None")
family = test_family_support.family  # fixture: private files in a temporary directory, fresh limits
PAGE_400 = "送信された内容を受け付けられませんでした"


def changelists(client) -> dict[str, set[str]]:
    """Every changelist this client may open, with the query parameters it reads."""
    found = {}
    for model, model_admin in admin.site._registry.items():
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(url)
        if response.status_code != 200:
            continue
        changelist = response.context["cl"]
        names = {SEARCH_VAR, ORDER_VAR, PAGE_VAR, ALL_VAR, IS_FACETS_VAR}
        for spec in changelist.filter_specs:
            names.update(spec.expected_parameters())
        if model_admin.date_hierarchy:
            names.update(f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day"))
        found[url] = names
    return found


@pytest.fixture
def world(db):
    return build_world()


def refused_with_our_page(response, language="ja") -> bool:
    html = response.content.decode()
    words = PAGE_400 if language == "ja" else "We could not accept what was sent"
    return response.status_code == 400 and words in html and f'<html lang="{language}">' in html


def test_it_answers_nul_in_every_changelist_parameter_with_the_400_page(client, postgres, world):
    seen = 0
    for role in ROLES:
        client.force_login(world.users[role])
        pages = changelists(client)
        assert "/admin/inquiries/inquiry/" in pages or role == "manager"
        for url, names in pages.items():
            for name in sorted(names):
                for value in REFUSED:
                    response = client.get(url, {name: value})
                    assert refused_with_our_page(response), (role, url, name, value, response.status_code)
                    seen += 1
    assert seen > 400  # every role, every page, every parameter: not a handful


def test_it_answers_odd_values_in_every_changelist_parameter_without_an_error(client, postgres, world):
    done = set()
    for role in ROLES:  # each page once, as the first demo role that may open it
        client.force_login(world.users[role])
        for url, names in changelists(client).items():
            if url in done:
                continue
            done.add(url)
            for name in sorted(names):
                for value in ODD:
                    response = client.get(url, {name: value})  # an exception would be raised here
                    assert response.status_code in (200, 302), (role, url, name, value)
    assert len(done) >= 10  # every changelist of the admin


def test_it_shows_one_colleagues_cases_for_a_number_and_ignores_other_digits(client, world):
    client.force_login(world.users["manager"])
    mine = make_inquiry(Status.TRIAGE, assignee=world.users["manager"])
    response = client.get("/admin/inquiries/inquiry/", {"who": str(world.users["manager"].pk)})
    assert [row.pk for row in response.context["cl"].result_list] == [mine.pk]
    response = client.get("/admin/inquiries/inquiry/", {"who": "²"})  # a digit int() cannot read
    assert response.status_code == 200 and len(response.context["cl"].result_list) == Inquiry.objects.count()


def test_it_answers_the_400_page_in_the_users_language(client, world):
    client.force_login(world.users["intake"])
    response = client.get("/admin/inquiries/inquiry/", {"status": "\x00"})
    assert refused_with_our_page(response)
    response = client.get("/admin/inquiries/inquiry/", {"status": "\x00"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused_with_our_page(response, "en")


def test_it_refuses_nul_in_a_staff_note_and_writes_nothing(client, world):
    client.force_login(world.users["matcher"])
    case = world.searching
    before = (InquiryEvent.objects.count(), AuditEntry.objects.count())
    for data in ({"text": "メモ\x00"}, {"text\x00": "メモ"}):
        response = client.post(f"/admin/inquiries/inquiry/{case.pk}/note/", data)
        assert refused_with_our_page(response)
    assert (InquiryEvent.objects.count(), AuditEntry.objects.count()) == before
    response = client.post(f"/admin/inquiries/inquiry/{case.pk}/link/", {"reference": "\x00"})
    assert refused_with_our_page(response)


def test_it_ignores_digits_that_are_not_numbers_when_marking_letters_printed(client, world):
    client.force_login(world.users["intake"])
    response = client.post("/admin/inquiries/notification/mark-printed/", {"ids": ["²", "9" * 30]})
    assert response.status_code == 302
    assert Notification.objects.get(pk=world.letter.pk).status == Notification.Status.PENDING


def test_it_refuses_nul_on_the_family(client, family):
    assert refused_with_our_page(client.get("/inquiries/new/applicant/", {"return": "\x00"}))
    assert refused_with_our_page(client.get("/inquiries/new/applicant/%00/"))
    assert refused_with_our_page(client.get("/inquiries/status/abc%00def/"))
    client.get("/inquiries/new/")
    response = post_step(client, "applicant", dict(APPLICANT, address="東京都\x00千代田区"))
    assert refused_with_our_page(response)
    response = post_step(
        client, "applicant", dict(APPLICANT, address="東京都\x00"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused_with_our_page(response, "en")
    response = post_step(client, "applicant", APPLICANT)
    assert response.status_code == 302  # the same page takes the same answers without the NUL


def test_it_refuses_nul_in_the_confirmation_and_files_nothing(client, family):
    key = fill_to_confirm(client)
    for extra in ({"submission_key": key + "\x00"}, {"website": "\x00"}, {"consent": "on\x00"}):
        response = client.post("/inquiries/new/confirm/", {"submission_key": key, "consent": "on", **extra})
        assert refused_with_our_page(response)
    assert Inquiry.objects.count() == 0 and Notification.objects.count() == 0


def test_it_refuses_nul_in_a_familys_reply_in_words_and_keeps_nothing(client, family):
    from inquiries.services.workflow import ask_family
    from inquiries.tokens import hash_token
    from tests.workflow.conftest import make_staff

    case = make_inquiry(Status.SEARCHING, tracking_token_hash=hash_token("t" * 43))
    ask_family(case, user=make_staff("boss", is_superuser=True), text="部隊名を教えてください。")
    before = Message.objects.count()
    response = client.post(f"/inquiries/status/{'t' * 43}/reply/", {"text": "第百部隊\x00です"})
    assert response.status_code == 400 and "ご回答" in response.content.decode()
    assert Message.objects.count() == before
