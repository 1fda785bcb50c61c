"""The permission matrix: every admin URL and every state-changing POST, as each demo role, anonymous
and a staff member in no role, answered as tests/permissions/expected.py says.

Every URL pattern of the admin site must have at least one row in the table, so a new page cannot
skip the matrix. Each request runs in a transaction rolled back afterwards, so every row starts from
the same world. An answer is the status code, and for a redirect what it said:
  "login" — sent to the login page;  "302+" — done (a success message);  "302!" — refused (an error
  message);  "302?" — a warning or nothing to do;  "302" — a redirect with no message.
"""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib import messages as levels
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.urls import URLResolver

from inquiries.models import RetentionPolicy
from tests.permissions.expected import EXPECTED, parse
from tests.permissions.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

A = "/admin/"


def admin_routes() -> set[str]:
    """Every route of the admin site, as Django writes its pattern (e.g. `inquiries/inquiry/<int:pk>/move/`)."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    # The app index's pattern lists the installed apps' labels: one route however many apps there are.
    return {
        re.sub(r"^\^\(\?P<app_label>[^)]*\)/\$$", "<app_label>/", route)
        for route in walk(admin.site.get_urls())
    }


def action(name, ids, **extra) -> dict:
    return {"action": name, ACTION_CHECKBOX_NAME: [str(pk) for pk in ids], "index": "0", **extra}


def facts_form(case, **changes) -> dict:
    names = ("surname_kanji", "given_name_kanji", "surname_kana", "given_name_kana", "other_names",
             "birth_year", "birth_month", "birth_day", "birthplace", "birthplace_detail", "unit", "rank",
             "capture_date", "capture_place", "last_known_place", "family_knowledge", "postal_code",
             "address", "phone", "email", "preferred_contact", "language")  # fmt: skip
    data = {name: "" if getattr(case, name) is None else getattr(case, name) for name in names}
    data.update({"reason": "ご家族から電話で訂正がありました。", **changes})
    return {key: value for key, value in data.items() if value is not False}


def call_form(notification) -> dict:
    return {
        "calls-TOTAL_FORMS": "1", "calls-INITIAL_FORMS": "0", "calls-MIN_NUM_FORMS": "0",
        "calls-MAX_NUM_FORMS": "1000", "calls-0-id": "", "calls-0-notification": str(notification.pk),
        "calls-0-called_at_0": "2026-01-05", "calls-0-called_at_1": "10:00:00",
        "calls-0-outcome": "reached", "calls-0-note": "ご長女にお伝えした", "_save": "保存",
    }  # fmt: skip


def staff_form(user, roles) -> dict:
    return {
        "username": user.username, "last_name": "同僚", "first_name": "太郎", "email": user.email,
        "roles": [str(pk) for pk in roles], "is_active": "on", "is_superuser": "on",
        "user_permissions": ["1"],
    }  # fmt: skip


def rows(w) -> list[tuple[str, str, str, str, dict | None]]:
    """(route, request label, method, path, data) for every row of the table."""
    case, other, cand, prop = w.searching, w.proposed, w.suggested_candidate, w.proposed_candidate
    models = {
        "auth/group/": w.group.pk,
        "auth/user/": w.colleague.pk,
        "archive/importbatch/": w.batch.pk,
        "archive/archiverecord/": w.record.pk,
        "archive/camp/": w.camp.pk,
        "archive/burialsite/": w.burial_site.pk,
        "audit/auditentry/": w.audit_entry.pk,
        "inquiries/candidatematch/": cand.pk,
        "inquiries/inquiry/": case.pk,
        "inquiries/notification/": w.phone.pk,
        "inquiries/retentionpolicy/": RetentionPolicy.current().pk,
    }
    out = [
        ("", "GET", "GET", A, None),
        ("login/", "GET", "GET", A + "login/", None),
        ("password_change/", "GET", "GET", A + "password_change/", None),
        ("password_change/done/", "GET", "GET", A + "password_change/done/", None),
        ("autocomplete/", "GET", "GET",
         A + "autocomplete/?app_label=inquiries&model_name=inquiry&field_name=assignee", None),
        ("jsi18n/", "GET", "GET", A + "jsi18n/", None),
        ("r/<path:content_type_id>/<path:object_id>/", "GET", "GET", A + f"r/1/{case.pk}/", None),
        ("<app_label>/", "GET inquiries", "GET", A + "inquiries/", None),
        ("<app_label>/", "GET auth", "GET", A + "auth/", None),
        ("(?P<url>.*)$", "GET", "GET", A + "no-such-page/", None),
    ]  # fmt: skip
    for prefix, pk in models.items():
        out += [
            (prefix, "GET", "GET", A + prefix, None),
            (prefix + "add/", "GET", "GET", A + prefix + "add/", None),
            (prefix + "<path:object_id>/", "GET", "GET", A + f"{prefix}{pk}/", None),
            (prefix + "<path:object_id>/change/", "GET", "GET", A + f"{prefix}{pk}/change/", None),
            (prefix + "<path:object_id>/history/", "GET", "GET", A + f"{prefix}{pk}/history/", None),
            (prefix + "<path:object_id>/delete/", "GET", "GET", A + f"{prefix}{pk}/delete/", None),
            (prefix + "<path:object_id>/delete/", "POST", "POST", A + f"{prefix}{pk}/delete/", {"post": "yes"}),
        ]  # fmt: skip
    i = A + "inquiries/inquiry/"
    n = A + "inquiries/notification/"
    u = A + "auth/user/"
    r = A + "archive/archiverecord/"
    decide = "inquiries/inquiry/candidate/<int:pk>/<str:verb>/"
    out += [
        # The case page's verbs.
        ("inquiries/inquiry/<int:pk>/move/", "GET", "GET", f"{i}{case.pk}/move/", None),
        ("inquiries/inquiry/<int:pk>/move/", "POST awaiting family", "POST", f"{i}{case.pk}/move/",
         {"to_status": "awaiting_family", "note": "部隊名を伺う"}),
        ("inquiries/inquiry/<int:pk>/move/", "POST no record", "POST", f"{i}{case.pk}/move/",
         {"to_status": "no_record", "note": "記録なし"}),
        ("inquiries/inquiry/<int:pk>/assign/", "POST", "POST", f"{i}{case.pk}/assign/", {}),
        ("inquiries/inquiry/<int:pk>/ask/", "POST", "POST", f"{i}{case.pk}/ask/", {"text": "部隊名は"}),
        ("inquiries/inquiry/<int:pk>/note/", "POST", "POST", f"{i}{case.pk}/note/", {"text": "メモ"}),
        ("inquiries/inquiry/<int:pk>/link/", "POST", "POST", f"{i}{case.pk}/link/",
         {"reference": other.reference}),
        ("inquiries/inquiry/<int:pk>/facts/", "GET", "GET", f"{i}{case.pk}/facts/", None),
        ("inquiries/inquiry/<int:pk>/facts/", "POST birth year", "POST", f"{i}{case.pk}/facts/",
         facts_form(case, birth_year="1919")),
        ("inquiries/inquiry/<int:pk>/facts/", "POST address", "POST", f"{i}{case.pk}/facts/",
         facts_form(case, address="東京都千代田区1-1", postal_code="1000001")),
        (decide, "POST propose", "POST", f"{i}candidate/{cand.pk}/propose/", {"note": "一致"}),
        (decide, "POST hold", "POST", f"{i}candidate/{cand.pk}/hold/", {"note": "保留"}),
        (decide, "POST reject suggested", "POST", f"{i}candidate/{cand.pk}/reject/", {"note": "別人"}),
        (decide, "POST verify", "POST", f"{i}candidate/{prop.pk}/verify/",
         {"note": "確認", "evidence": ["reading", "birth_year"]}),
        (decide, "POST reject proposed", "POST", f"{i}candidate/{prop.pk}/reject/", {"note": "別人"}),
        ("inquiries/inquiry/document/<int:pk>/", "GET", "GET", f"{i}document/{w.document.pk}/", None),
        # Exports of the queue, and whose cases an account opened.
        ("inquiries/inquiry/export/", "GET", "GET", f"{i}export/?status=searching", None),
        ("inquiries/inquiry/statistics/", "GET", "GET", f"{i}statistics/", None),
        ("audit/auditentry/reads/", "GET", "GET",
         f"{A}audit/auditentry/reads/?account={w.operator.pk}&start=2026-01-01&end=2026-12-31", None),
        # APPI: the disclosure export (a zip file), the retention period.
        ("inquiries/inquiry/<int:pk>/disclose/", "GET", "GET", f"{i}{case.pk}/disclose/", None),
        ("inquiries/inquiry/<int:pk>/disclose/", "POST", "POST", f"{i}{case.pk}/disclose/",
         {"inquiry": [case.pk]}),
        ("inquiries/retentionpolicy/<path:object_id>/change/", "POST period", "POST",
         f"{A}inquiries/retentionpolicy/{RetentionPolicy.current().pk}/change/", {"closed_case_days": "730"}),
        # The queue's actions and staff intake.
        ("inquiries/inquiry/", "POST assign to me", "POST", i, action("assign_to_me", [case.pk])),
        ("inquiries/inquiry/", "POST move selected", "POST", i,
         action("move_selected", [case.pk], apply="1", to_status="awaiting_family", note="伺う")),
        ("inquiries/inquiry/add/", "POST empty", "POST", i + "add/", {}),
        # The outbox: letters, the call log, resending.
        ("inquiries/notification/", "POST print letters", "POST", n, action("print_letters", [w.letter.pk])),
        ("inquiries/notification/", "POST resend", "POST", n, action("resend_selected", [w.failed_email.pk])),
        ("inquiries/notification/mark-printed/", "POST", "POST", n + "mark-printed/", {"ids": [w.letter.pk]}),
        ("inquiries/notification/<path:object_id>/change/", "POST call log", "POST",
         f"{n}{w.phone.pk}/change/", call_form(w.phone)),
        # Staff accounts.
        ("auth/user/<id>/password/", "GET", "GET", f"{u}{w.colleague.pk}/password/", None),
        ("auth/user/<id>/password/", "POST", "POST", f"{u}{w.colleague.pk}/password/",
         {"password1": "x-Long-pass-2026", "password2": "x-Long-pass-2026"}),
        ("auth/user/<path:object_id>/change/", "GET superuser", "GET", f"{u}{w.operator.pk}/change/", None),
        ("auth/user/<path:object_id>/change/", "POST roles", "POST", f"{u}{w.colleague.pk}/change/",
         staff_form(w.colleague, [w.group.pk])),
        ("auth/user/<path:object_id>/change/", "POST superuser", "POST", f"{u}{w.operator.pk}/change/",
         staff_form(w.operator, [])),
        ("auth/user/add/", "POST", "POST", u + "add/",
         {**staff_form(w.colleague, [w.group.pk]), "username": "newcomer", "email": "new@example.jp"}),
        ("auth/user/", "POST send reset link", "POST", u, action("send_reset_links", [w.colleague.pk])),
        ("auth/group/<path:object_id>/change/", "POST", "POST", f"{A}auth/group/{w.group.pk}/change/",
         {"name": w.group.name, "permissions": ["1"]}),
        # Archive records and their history.
        ("archive/archiverecord/<path:object_id>/history/<path:rest>/", "GET", "GET",
         f"{r}{w.record.pk}/history/1/", None),
        ("archive/archiverecord/<path:object_id>/history/<path:rest>/", "POST", "POST",
         f"{r}{w.record.pk}/history/1/", {"grave_no": "999"}),
        ("archive/archiverecord/<path:object_id>/change/", "POST empty", "POST", f"{r}{w.record.pk}/change/", {}),
        ("archive/importbatch/add/", "POST empty", "POST", A + "archive/importbatch/add/", {}),
        ("logout/", "POST", "POST", A + "logout/", {}),  # last: it ends the session
    ]  # fmt: skip
    return out


def answer(response) -> str:
    code = response.status_code
    if code != 302:
        return str(code)
    if "/admin/login/" in response["Location"]:
        return "login"
    queued = getattr(response.wsgi_request, "_messages", None)
    seen = {m.level for m in getattr(queued, "_queued_messages", [])}
    if levels.ERROR in seen:
        return "302!"
    if levels.SUCCESS in seen:
        return "302+"
    if seen:
        return "302?"
    return "302"


def run(client, world, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    answers, wrong_403 = {}, []
    for route, label, method, path, data in rows(world):
        with transaction.atomic():
            response = client.get(path) if method == "GET" else client.post(path, data)
            transaction.set_rollback(True)
        answers[(route, label)] = answer(response)
        if response.status_code == 403 and persona != "anonymous":
            if "業務メニューに戻る" not in response.content.decode():  # the admin's own 403 page
                wrong_403.append((route, label))
    return answers, wrong_403


@pytest.fixture
def world(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return build_world()


def test_every_admin_route_has_a_row_in_the_table_and_every_row_a_route(world):
    table = parse(EXPECTED)
    requested = {(route, label) for route, label, *_ in rows(world)}
    assert {route for route, _ in requested} == admin_routes()
    assert set(table) == requested


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_answers_in_the_table(client, world, persona):
    table = parse(EXPECTED)
    column = PERSONAS.index(persona)
    answers, wrong_403 = run(client, world, persona)
    expected = {key: row[column] for key, row in table.items()}
    differ = {key: (expected.get(key), got) for key, got in answers.items() if expected.get(key) != got}
    assert differ == {}, "\n".join(f"{k[0]} | {k[1]}: expected {e}, got {g}" for k, (e, g) in differ.items())
    assert wrong_403 == []  # a refusal inside the admin is the admin's page, never the public one
