"""`load_demo_data` creates the staff roles and one login per role, once, and says so last."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.notifications.inprocess import eager_tasks  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_it_creates_one_demo_login_per_role_and_prints_them_last(client):
    out = StringIO()
    call_command("load_demo_data", records=0, stdout=out)
    call_command("load_demo_data", records=0, stdout=StringIO())  # a second run changes nothing
    users = get_user_model().objects.order_by("username")
    assert [u.username for u in users] == ["intake", "manager", "matcher", "verifier"]
    assert {g.name for g in Group.objects.all()} >= {"受付担当", "照合担当", "確認者", "管理者"}
    assert all(u.groups.count() == 1 and u.is_staff for u in users)
    assert out.getvalue().strip().splitlines()[-1].split() == ["manager", "管理者"]
    assert client.login(username="matcher", password="demo-2026-ja")
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("eager_tasks")
def test_it_files_sample_inquiries_once_and_matches_them(django_capture_on_commit_callbacks):
    from inquiries.models import Channel, Inquiry

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", records=400, stdout=StringIO())
    call_command("load_demo_data", records=400, stdout=StringIO())
    inquiries = Inquiry.objects.all()
    assert inquiries.count() == 12
    assert {i.channel for i in inquiries} == {Channel.POST}
    matched = [i for i in inquiries if i.candidates.exists()]
    assert len(matched) >= 10  # the demo queue shows candidates to work on
