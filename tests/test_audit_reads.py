"""Every read of a family's personal data leaves one audit row: a case page shown, a document
downloaded, a letter printed; and the trail never shows a secret to any staff member."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from audit import trail
from audit.models import AuditEntry
from tests.permissions.world import build_world

pytestmark = pytest.mark.django_db
A = AuditEntry.Action
CASEWORKERS = ["intake", "matcher", "verifier"]
ALL = [*CASEWORKERS, "manager"]


@pytest.fixture
def world(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return build_world()


def reads(user, action):
    return list(AuditEntry.objects.filter(actor=user, action=action))


def signed_in(client, world, name):
    client.force_login(world.users[name])
    return world.users[name]


@pytest.mark.parametrize("name", ALL)
def test_each_showing_of_a_case_page_is_one_viewed_row(client, world, name):
    user = signed_in(client, world, name)
    page = reverse("admin:inquiries_inquiry_change", args=[world.searching.pk])

    assert client.get(page).status_code == 200
    assert client.get(page).status_code == 200

    rows = reads(user, A.VIEWED)
    assert len(rows) == 2
    assert {(r.object_id, r.actor_name) for r in rows} == {(str(world.searching.pk), name)}
    assert world.searching.reference in rows[0].object_repr


def test_a_post_from_the_case_page_is_not_a_view_but_the_page_it_returns_to_is(client, world):
    user = signed_in(client, world, "matcher")
    note = reverse("admin:inquiries_inquiry_note", args=[world.searching.pk])
    change = reverse("admin:inquiries_inquiry_change", args=[world.searching.pk])

    response = client.post(note, {"text": "部隊名を確認"})
    client.post(change, {"surname_kanji": "書き換え"})  # the facts are read-only: refused, not shown

    assert response.status_code == 302 and reads(user, A.VIEWED) == []
    client.get(response["Location"])
    assert len(reads(user, A.VIEWED)) == 1


def test_a_case_page_refused_writes_no_row(client, world):
    user = signed_in(client, world, "norole")
    page = reverse("admin:inquiries_inquiry_change", args=[world.searching.pk])

    assert client.get(page).status_code == 403
    assert reads(user, A.VIEWED) == []


def test_the_facts_form_shows_the_case_and_is_one_viewed_row(client, world):
    user = signed_in(client, world, "intake")
    assert client.get(reverse("admin:inquiries_inquiry_facts", args=[world.searching.pk])).status_code == 200
    assert [r.changes for r in reads(user, A.VIEWED)] == [{"page": "facts"}]


@pytest.mark.parametrize("name", CASEWORKERS)
def test_each_download_of_a_document_is_one_row_about_its_case(client, world, name):
    user = signed_in(client, world, name)

    response = client.get(reverse("admin:inquiries_document", args=[world.document.pk]))

    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 koseki"
    [row] = reads(user, A.DOWNLOADED)
    assert row.object_id == str(world.searching.pk) and row.changes == {"document": world.document.pk}


def test_a_refused_download_writes_no_row(client, world):
    user = signed_in(client, world, "manager")
    assert client.get(reverse("admin:inquiries_document", args=[world.document.pk])).status_code == 403
    assert reads(user, A.DOWNLOADED) == []


def test_printing_letters_is_one_printed_row_per_letter(client, world):
    user = signed_in(client, world, "intake")
    outbox = reverse("admin:inquiries_notification_changelist")
    chosen = [world.letter.pk, world.phone.pk]  # the telephone note is not a letter: not printed

    page = client.post(outbox, {"action": "print_letters", ACTION_CHECKBOX_NAME: chosen})

    assert page.status_code == 200 and "印刷済みにする" in page.content.decode()
    [row] = reads(user, A.PRINTED)
    assert row.object_id == str(world.searching.pk) and row.changes == {"letter": world.letter.pk}


@pytest.mark.parametrize("name", ["intake", "verifier"])
def test_a_notification_page_with_the_familys_address_is_one_viewed_row(client, world, name):
    user = signed_in(client, world, name)
    page = client.get(reverse("admin:inquiries_notification_change", args=[world.letter.pk]))
    assert page.status_code == 200 and "見本 花子" in page.content.decode()
    [row] = reads(user, A.VIEWED)
    assert row.object_id == str(world.searching.pk) and row.changes == {"notification": world.letter.pk}


# Secrets: the tracking token's hash and the submission key.
SECRETS = {"tracking_token_hash": ["", "9f2c1b-secret-hash"], "submission_key": ["", "sub-key-secret-77"]}


def an_old_entry_with_secrets(world) -> AuditEntry:
    """An entry as the trail wrote them before it left secrets out."""
    old = trail.entry(world.searching, A.CREATED, {})
    old.changes = {**SECRETS, "surname_kanji": [None, "佐藤"]}
    old.save()
    return old


def test_the_trail_stores_no_secret_in_new_entries(world):
    written = trail.record_creation(world.proposed, None)
    later = trail.record_access(world.proposed, A.VIEWED, world.users["intake"], token="raw-token")

    assert "surname_kanji" in written.changes
    assert not {"tracking_token_hash", "submission_key"} & set(written.changes)
    assert later.changes == {}


@pytest.mark.parametrize("name", ALL)
def test_no_staff_member_sees_a_secret_in_the_audit(client, world, name):
    old = an_old_entry_with_secrets(world)
    signed_in(client, world, name)
    pages = [
        reverse("admin:audit_auditentry_changelist"),
        reverse("admin:audit_auditentry_change", args=[old.pk]),
        reverse("admin:inquiries_inquiry_change", args=[world.searching.pk]),  # the case's history
    ]
    for page in pages:
        response = client.get(page)
        text = response.content.decode()
        assert response.status_code == 200, page
        assert "佐藤" in text, page  # the entry is there
        assert "9f2c1b-secret-hash" not in text and "sub-key-secret-77" not in text, page
        assert "tracking_token_hash" not in text and "submission_key" not in text, page
