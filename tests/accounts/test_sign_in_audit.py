"""Every staff sign-in, successful or not, leaves one audit entry about the account, with the address."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from accounts import trail
from audit.models import AuditEntry
from tests.accounts.conftest import ADDRESS, sign_in

pytestmark = pytest.mark.django_db
A = AuditEntry.Action


def sign_ins():
    return list(AuditEntry.objects.filter(action__in=[A.SIGNED_IN, A.SIGN_IN_FAILED]).order_by("id"))


def test_a_sign_in_is_an_entry_about_the_account_by_the_account_with_its_address(client, demo):
    sign_in(client, "matcher")
    (entry,) = sign_ins()
    user = demo["matcher"]
    assert (entry.action, entry.object_id, entry.actor, entry.actor_name) == (
        A.SIGNED_IN, str(user.pk), user, "matcher",
    )  # fmt: skip
    assert entry.changes == {"address": ADDRESS, "step": "password"}


def test_a_wrong_password_is_an_entry_about_the_account_tried_with_no_actor(client, demo):
    sign_in(client, "verifier", "not the password")
    (entry,) = sign_ins()
    assert (entry.action, entry.object_id, entry.actor) == (A.SIGN_IN_FAILED, str(demo["verifier"].pk), None)
    assert entry.changes == {"address": ADDRESS, "step": "password"}


def test_an_unknown_username_is_kept_as_typed_against_the_user_model(client, demo):
    sign_in(client, "no-such-person", "whatever")
    (entry,) = sign_ins()
    assert entry.content_type == ContentType.objects.get_for_model(get_user_model())
    assert (entry.object_id, entry.object_repr, entry.action) == ("", "no-such-person", A.SIGN_IN_FAILED)
    assert entry.changes["address"] == ADDRESS


def test_a_very_long_attempted_username_is_cut_to_fit(db):
    entry = trail.sign_in_failed("x" * 500, None)
    assert entry.object_repr == "x" * 200 and entry.object_id == ""


def test_attempts_while_paused_are_kept_and_marked(client, demo):
    for _ in range(5):
        sign_in(client, "intake", "wrong")
    sign_in(client, "intake")  # the right password, while paused
    entries = sign_ins()
    assert [e.action for e in entries] == [A.SIGN_IN_FAILED] * 6
    assert [bool(e.changes.get("locked_out")) for e in entries] == [False] * 4 + [True, True]
