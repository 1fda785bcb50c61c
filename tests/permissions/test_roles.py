"""Each role can do its job and nothing more: one test per defect found trying the demo logins."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from inquiries import policy
from inquiries.models import CallLog, CandidateMatch, Notification, Status
from inquiries.roles import MATCHING, ROLES, VERIFIER, sync_role_groups
from inquiries.services import candidates as decide
from inquiries.services import workflow
from inquiries.services.facts import correct_facts
from tests.permissions.world import build_world
from tests.workflow.conftest import make_candidate, make_inquiry, make_staff

pytestmark = pytest.mark.django_db
N = Notification.Status


@pytest.fixture
def world(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return build_world()


def as_user(client, world, name):
    client.force_login(world.users[name])
    return client


# Defect 1: the outbox is staff work.
def test_intake_prints_letters_marks_them_sent_and_logs_a_call(client, world):
    as_user(client, world, "intake")
    outbox = reverse("admin:inquiries_notification_changelist")
    assert client.get(outbox).status_code == 200
    data = {"action": "print_letters", ACTION_CHECKBOX_NAME: [world.letter.pk]}
    page = client.post(outbox, data)
    assert page.status_code == 200 and "印刷済みにする" in page.content.decode()
    client.post(reverse("admin:inquiries_notification_mark_printed"), {"ids": [world.letter.pk]})
    world.letter.refresh_from_db()
    assert world.letter.status == N.SENT
    change = reverse("admin:inquiries_notification_change", args=[world.phone.pk])
    form = {
        "calls-TOTAL_FORMS": "1", "calls-INITIAL_FORMS": "0", "calls-MIN_NUM_FORMS": "0",
        "calls-MAX_NUM_FORMS": "1000", "calls-0-notification": str(world.phone.pk),
        "calls-0-called_at_0": "2026-01-05", "calls-0-called_at_1": "10:00:00",
        "calls-0-outcome": "reached", "calls-0-note": "ご長女にお伝えした", "_save": "保存",
    }  # fmt: skip
    assert client.post(change, form).status_code == 302
    call = CallLog.objects.get(notification=world.phone)
    assert call.caller == world.users["intake"]
    world.phone.refresh_from_db()
    assert world.phone.status == N.SENT


@pytest.mark.parametrize("name", ["intake", "verifier"])
def test_intake_and_the_verifier_resend_a_failed_email(client, world, name):
    as_user(client, world, name)
    data = {"action": "resend_selected", ACTION_CHECKBOX_NAME: [world.failed_email.pk]}
    client.post(reverse("admin:inquiries_notification_changelist"), data)
    world.failed_email.refresh_from_db()
    assert world.failed_email.status == N.PENDING


def test_the_verifier_cannot_log_a_call(client, world):
    as_user(client, world, "verifier")
    change = reverse("admin:inquiries_notification_change", args=[world.phone.pk])
    assert 'name="calls-0-outcome"' not in client.get(change).content.decode()


@pytest.mark.parametrize("name", ["intake", "matcher", "verifier", "manager"])
def test_each_dashboard_links_only_to_pages_its_role_can_open(client, world, name):
    as_user(client, world, name)
    index = client.get(reverse("admin:index")).content.decode()
    links = set(re.findall(r'href="(/admin/[^"#]*)"', index.replace("&amp;", "&")))
    assert links
    for link in links:
        if "logout" in link:
            continue
        assert client.get(link, follow=True).status_code == 200, link  # one-row pages redirect to it


def test_a_refusal_inside_the_admin_is_an_admin_page_that_says_what_to_do(client, world):
    as_user(client, world, "matcher")
    response = client.get(reverse("admin:inquiries_notification_changelist"))
    html = response.content.decode()
    assert response.status_code == 403
    assert (
        "業務メニューに戻る" in html and "管理者に役割の追加を依頼してください" in html and "照合担当" in html
    )
    assert "最初のページへ" not in html  # not the family's error page


# Defect 3: the administrator role manages staff accounts, and no more.
def staff_form(user, **extra):
    return {
        "username": user.username, "last_name": user.last_name or "職員", "first_name": "太郎",
        "email": user.email, "is_active": "on", **extra,
    }  # fmt: skip


def test_the_administrator_cannot_make_itself_superuser_or_give_itself_permissions(client, world):
    manager = world.users["manager"]
    as_user(client, world, "manager")
    permission = Permission.objects.get(codename="change_archiverecord")
    change = reverse("admin:auth_user_change", args=[manager.pk])
    client.post(
        change,
        staff_form(manager, is_superuser="on", is_staff="on", user_permissions=[permission.pk],
                   roles=[Group.objects.get(name=VERIFIER.group).pk], groups=[Group.objects.get(name=VERIFIER.group).pk],
                   date_joined_0="2026-01-05", date_joined_1="10:00:00"),
    )  # fmt: skip
    manager.refresh_from_db()
    assert not manager.is_superuser
    assert not manager.user_permissions.exists()
    assert not manager.groups.filter(name=VERIFIER.group).exists()


def test_the_administrator_cannot_set_a_password_or_open_a_superuser(client, world):
    as_user(client, world, "manager")
    colleague = world.colleague
    url = reverse("admin:auth_user_password_change", args=[colleague.pk])
    assert client.get(url).status_code == 403
    client.post(url, {"password1": "x-Long-pass-2026", "password2": "x-Long-pass-2026"})
    colleague.refresh_from_db()
    assert not colleague.check_password("x-Long-pass-2026")
    listing = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "operator" not in listing and "colleague" in listing
    client.post(reverse("admin:auth_user_change", args=[world.operator.pk]), staff_form(world.operator))
    world.operator.refresh_from_db()
    assert world.operator.first_name != "太郎"


def test_a_new_account_with_a_role_can_sign_in_after_choosing_a_password_from_the_link(client, world):
    as_user(client, world, "manager")
    group = Group.objects.get(name=MATCHING.group)
    data = {"username": "newcomer", "last_name": "新人", "first_name": "一郎", "email": "new@example.jp",
            "roles": [group.pk], "is_active": "on"}  # fmt: skip
    assert client.post(reverse("admin:auth_user_add"), data).status_code == 302
    user = get_user_model().objects.get(username="newcomer")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert list(user.groups.all()) == [group]
    (sent,) = mail.outbox
    assert sent.to == ["new@example.jp"]
    link = re.search(r"https?://[^/]+(/admin/reset/\S+/)", sent.body).group(1)
    client.logout()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Kita-2026-sora", "new_password2": "Kita-2026-sora"}
    )
    assert done.status_code == 302
    assert client.login(username="newcomer", password="Kita-2026-sora")
    assert client.get(reverse("admin:inquiries_inquiry_changelist")).status_code == 200


def test_taking_away_every_role_takes_away_staff_status(client, world):
    as_user(client, world, "manager")
    client.post(reverse("admin:auth_user_change", args=[world.colleague.pk]), staff_form(world.colleague))
    world.colleague.refresh_from_db()
    assert not world.colleague.is_staff and not world.colleague.groups.exists()


# Defect 4: documents need view_document.
def test_a_role_without_view_document_neither_sees_nor_downloads_documents(client, world):
    manager = world.users["manager"]
    assert not manager.has_perm("inquiries.view_document")
    as_user(client, world, "manager")
    assert client.get(reverse("admin:inquiries_document", args=[world.document.pk])).status_code == 403
    page = client.get(reverse("admin:inquiries_inquiry_change", args=[world.searching.pk])).content.decode()
    assert "戸籍謄本.pdf" not in page
    assert world.users["intake"].has_perm("inquiries.view_document")


# Defect 5: contact details.
def test_the_matcher_cannot_change_the_familys_email_or_address(world):
    case = world.searching
    with pytest.raises(workflow.TransitionNotAllowed):
        correct_facts(case, {"email": "other@example.jp"}, user=world.users["matcher"], reason="電話で")
    with pytest.raises(workflow.TransitionNotAllowed):
        correct_facts(case, {"address": "東京都"}, user=world.users["matcher"], reason="電話で")
    case.refresh_from_db()
    assert case.address != "東京都"


@pytest.mark.parametrize(
    "name, sees", [("intake", True), ("verifier", True), ("matcher", False), ("manager", False)]
)
def test_only_roles_that_write_to_the_family_see_its_contact_details(client, world, name, sees):
    as_user(client, world, name)
    page = client.get(reverse("admin:inquiries_inquiry_change", args=[world.searching.pk])).content.decode()
    assert (world.searching.address in page) is sees
    assert ("申請者の連絡先" in page) is sees


@pytest.mark.parametrize(
    "name, sees", [("intake", True), ("verifier", True), ("matcher", False), ("manager", False)]
)
def test_the_audit_trail_pages_show_contact_details_only_to_roles_that_see_them(client, world, name, sees):
    from audit.models import AuditEntry

    correct_facts(world.searching, {"email": "moved@example.jp"}, user=world.users["intake"], reason="電話で")
    entry = AuditEntry.objects.filter(changes__has_key="email").latest("id")
    as_user(client, world, name)
    listing = client.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    detail = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).content.decode()
    assert ("moved@example.jp" in listing) is sees
    assert ("moved@example.jp" in detail) is sees


# Four eyes for one person holding both matching and verifier.
def test_one_person_with_both_roles_cannot_verify_their_own_proposal_by_any_path(client, db):
    both = make_staff("both", MATCHING, VERIFIER)
    other = make_staff("other", MATCHING, VERIFIER)
    case = make_inquiry(Status.SEARCHING)
    candidate = make_candidate(case)
    decide.propose(candidate, user=both, note="一致")
    with pytest.raises(workflow.TransitionNotAllowed):
        decide.verify(candidate, user=both, note="確認", evidence=["reading"])
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.move(case, Status.IDENTIFIED, user=both, note="確認")
    client.force_login(both)
    url = reverse("admin:inquiries_candidate_decide", args=[candidate.pk, "verify"])
    client.post(url, {"note": "確認", "evidence": ["reading"]})
    page = client.get(reverse("admin:inquiries_inquiry_change", args=[case.pk])).content.decode()
    assert "本人と確認する" not in page
    queue = reverse("admin:inquiries_inquiry_changelist")
    client.post(queue, {"action": "move_selected", ACTION_CHECKBOX_NAME: [case.pk], "apply": "1",
                        "to_status": "identified", "note": "確認"})  # fmt: skip
    candidate.refresh_from_db()
    case.refresh_from_db()
    assert (candidate.status, case.status) == (CandidateMatch.State.PROPOSED, Status.MATCH_PROPOSED)
    decide.verify(candidate, user=other, note="確認", evidence=["reading"])
    case.refresh_from_db()
    assert case.status == Status.IDENTIFIED


# The policy is the one source.
def test_the_role_groups_hold_exactly_the_permissions_the_policy_derives(db):
    sync_role_groups()
    sync_role_groups()  # idempotent
    for role in ROLES:
        held = {
            f"{app}.{code}"
            for app, code in Group.objects.get(name=role.group).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert held == set(policy.permissions_for(role.code)), role.code


def test_the_readme_says_what_each_demo_login_may_do_from_the_policy():
    from devdata.management.commands.load_demo_data import DEMO_USERS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for username, _last, _first, code in DEMO_USERS:
        line = next(line for line in readme.splitlines() if line.startswith(f"| `{username}` |"))
        assert f"({code}: {policy.summary(code)})" in line, username
