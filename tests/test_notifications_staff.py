"""What staff do by hand: print letters and mark them posted, log telephone calls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from inquiries.models import CallLog, Notification
from tests.notifications.factories import only_notification, submit

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/inquiries/notification/"


def print_letters(client, ids):
    return client.post(CHANGELIST, {"action": "print_letters", "_selected_action": [str(i) for i in ids]})


def test_it_prints_each_letter_on_its_own_page_with_the_address_and_an_era_date(admin_client):
    letters = [
        only_notification(submit(contact="post", applicant_given_name=name)) for name in ("花子", "次郎")
    ]
    emailed = only_notification(submit())
    page = print_letters(admin_client, [n.pk for n in letters] + [emailed.pk]).content.decode()
    sections = re.findall(r'<section class="page".*?</section>', page, re.S)
    assert len(sections) == 2  # the e-mail is not printed
    assert 'href="/static/css/letters.css"' in page  # a stylesheet of the site: no inline style for the CSP
    css = Path(finders.find("css/letters.css")).read_text()
    assert "break-after: page" in css and "@page { size: A4" in css
    for section, name in zip(sections, ("花子", "次郎"), strict=True):
        address = re.search(r'<div class="address">(.*?)</div>\s*<div class="date">', section, re.S).group(1)
        assert "〒950-0001" in address and "新潟県新潟市中央区一番町1-1" in address
        assert f"佐藤 {name} 様" in address
        assert re.search(r'<div class="date">\d{4}年\d+月\d+日（令和\d+年\d+月\d+日）</div>', section)
        assert "ご照会を受け付けました" not in address and "受付番号" in section


def test_it_warns_when_no_letter_is_chosen(admin_client):
    emailed = only_notification(submit())
    response = print_letters(admin_client, [emailed.pk])
    assert response.status_code == 302
    assert "郵送のお知らせが選択されていません" in admin_client.get(CHANGELIST).content.decode()


def test_it_marks_printed_letters_sent_exactly_once(admin_client):
    letters = [only_notification(submit(contact="post")) for _ in range(2)]
    page = print_letters(admin_client, [n.pk for n in letters]).content.decode()
    ids = re.findall(r'name="ids" value="(\d+)"', page)
    assert sorted(map(int, ids)) == sorted(n.pk for n in letters)
    url = reverse("admin:inquiries_notification_mark_printed")
    assert admin_client.get(url).status_code == 405  # a GET never changes anything

    first = admin_client.post(url, {"ids": ids}, follow=True)
    assert "2通を印刷済み（送付済み）にしました" in first.content.decode()
    sent = {n.pk: n.sent_at for n in Notification.objects.filter(pk__in=ids)}
    assert all(sent.values())
    assert set(Notification.objects.filter(pk__in=ids).values_list("status", "attempts")) == {("sent", 1)}

    again = admin_client.post(url, {"ids": ids}, follow=True)  # the button pressed a second time
    assert "0通を印刷済み（送付済み）にしました" in again.content.decode()
    assert {n.pk: n.sent_at for n in Notification.objects.filter(pk__in=ids)} == sent


def call_form(notification, calls):
    """The change form's POST with the call log rows: [(id or None, outcome, note), ...]."""
    data = {
        "calls-TOTAL_FORMS": str(len(calls)),
        "calls-INITIAL_FORMS": str(sum(1 for pk, _, _ in calls if pk)),
        "calls-MIN_NUM_FORMS": "0",
        "calls-MAX_NUM_FORMS": "1000",
        "_save": "保存",
    }
    for i, (pk, outcome, note) in enumerate(calls):
        data.update(
            {
                f"calls-{i}-id": str(pk or ""),
                f"calls-{i}-notification": str(notification.pk),
                f"calls-{i}-called_at_0": "2026-01-05",
                f"calls-{i}-called_at_1": "10:00:00",
                f"calls-{i}-outcome": outcome,
                f"calls-{i}-note": note,
            }
        )
    return data


def test_it_lists_calls_to_make_and_keeps_a_call_pending_until_the_family_is_reached(
    admin_client, admin_user
):
    inquiry = submit(contact="phone")
    call = only_notification(inquiry)
    assert (call.channel, call.status, call.recipient) == ("phone", "pending", "025-000-0000")
    to_do = admin_client.get(CHANGELIST, {"channel__exact": "phone", "status__exact": "pending"})
    assert inquiry.reference in to_do.content.decode()
    change = reverse("admin:inquiries_notification_change", args=[call.pk])
    form = admin_client.get(change).content.decode()
    assert "025-000-0000" in form and "ご照会を確かに受け付けました" in form  # whom to call, what to say

    response = admin_client.post(change, call_form(call, [(None, "no_answer", "夕方にもう一度")]))
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.status, call.attempts, call.sent_at) == ("pending", 1, None)
    first = CallLog.objects.get(notification=call)
    assert (first.outcome, first.note, first.caller) == ("no_answer", "夕方にもう一度", admin_user)
    assert inquiry.reference in admin_client.get(CHANGELIST, {"status__exact": "pending"}).content.decode()

    calls = [(first.pk, "no_answer", "夕方にもう一度"), (None, "reached", "ご長女にお伝えした")]
    assert admin_client.post(change, call_form(call, calls)).status_code == 302
    call.refresh_from_db()
    assert (call.status, call.attempts) == ("sent", 2)
    assert call.sent_at is not None
    assert list(call.calls.values_list("outcome", flat=True)) == ["no_answer", "reached"]
    assert (
        inquiry.reference
        not in admin_client.get(
            CHANGELIST, {"channel__exact": "phone", "status__exact": "pending"}
        ).content.decode()
    )
