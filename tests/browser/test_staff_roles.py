"""Each demo role signs in and opens every link of its dashboard and menu: no refusal, no public error page."""

from __future__ import annotations

import pytest

from devdata.management.commands.load_demo_data import DEMO_PASSWORD, DEMO_USERS
from tests.browser.conftest import screenshot
from tests.permissions.world import build_world


@pytest.mark.parametrize("username", [user[0] for user in DEMO_USERS])
def test_each_demo_role_opens_every_link_of_its_dashboard_and_menu(
    chromium, live_server, transactional_db, settings, tmp_path, username
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    world = build_world()
    user = world.users[username]
    user.set_password(DEMO_PASSWORD)
    user.save()
    context = chromium.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    screenshot(page, f"role-{username}-dashboard")
    links = page.eval_on_selector_all(
        "#content a[href^='/admin/'], #nav-sidebar a[href^='/admin/'], #user-tools a[href^='/admin/']",
        "anchors => anchors.map(a => a.getAttribute('href'))",
    )
    assert links
    refused = []
    for link in sorted(set(links)):
        if "logout" in link:
            continue
        response = page.goto(live_server.url + link)
        if response.status >= 400 or page.locator("text=最初のページへ").count():
            refused.append((link, response.status))
        if link.rstrip("/").endswith("/notification"):
            screenshot(page, f"role-{username}-outbox")
    context.close()
    assert refused == []


def test_one_person_with_matching_and_verifier_proposes_but_cannot_verify(
    chromium, live_server, transactional_db
):
    from inquiries.models import CandidateMatch, Status
    from inquiries.roles import MATCHING, VERIFIER
    from tests.workflow.conftest import make_candidate, make_inquiry, make_staff

    both = make_staff("both-roles", MATCHING, VERIFIER)
    both.set_password(DEMO_PASSWORD)
    both.save()
    case = make_inquiry(Status.SEARCHING)
    candidate = make_candidate(case)
    context = chromium.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "both-roles")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/inquiries/inquiry/{case.pk}/change/")
    page.fill(f"form[action$='/candidate/{candidate.pk}/propose/'] textarea", "読みと生年が一致")
    page.click(f"form[action$='/candidate/{candidate.pk}/propose/'] button")
    page.locator("text=あなたが出した照合案です").wait_for()  # the case page again, after the redirect
    assert page.locator("text=本人と確認する").count() == 0
    context.close()
    candidate.refresh_from_db()
    assert candidate.status == CandidateMatch.State.PROPOSED and candidate.proposed_by == both
