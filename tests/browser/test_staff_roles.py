"""Each demo role signs in and opens every link of its dashboard and menu: no refusal, no public error page."""

from __future__ import annotations

import pytest

from devdata.management.commands.load_demo_data import DEMO_PASSWORD, DEMO_USERS
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
    context.close()
    assert refused == []
