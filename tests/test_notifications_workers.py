"""Real workers, a real broker and a real SMTP server: every notification delivered exactly once."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from inquiries.models import Notification
from inquiries.notifications.sending import publish
from tests.notifications import services
from tests.notifications.checks import answered_inquiries, assert_exactly_once, sent_count, wait_until_sent
from tests.notifications.services import wait_for

own_redis, smtp_server, start_worker = services.own_redis, services.smtp_server, services.start_worker

pytestmark = [pytest.mark.services, pytest.mark.slow]


def test_it_delivers_a_thousand_notifications_exactly_once_while_pool_children_are_killed(
    postgres, start_worker, smtp_server
):
    ids = answered_inquiries(1000)  # queued first: a worker now sends them faster than they are written
    smtp_server.delay = 0.01  # some 5 s of sending in all: time for five kills on any machine
    worker = start_worker()
    kills = 0
    while kills < 5 and sent_count(ids) < len(ids) - 100:
        time.sleep(random.uniform(0.2, 0.6))
        children = worker.children()
        if children:
            os.kill(random.choice(children), signal.SIGKILL)
            kills += 1
    assert kills == 5
    wait_until_sent(ids, timeout=120)
    assert_exactly_once(ids, smtp_server, settle=3.0, killed_mid_send=kills)
    assert len(set(smtp_server.message_ids())) == 1000  # a repeat inside the window is the same message
    first = smtp_server.messages[0]
    assert str(first["Subject"]).strip().startswith("【受付番号 ")
    assert "謹んでお知らせ申し上げます" in first.get_body().get_content()


def test_it_sends_one_email_when_the_broker_delivers_each_message_twice(postgres, start_worker, smtp_server):
    ids = answered_inquiries(200)  # each already published once after its commit
    for notification_id in ids:
        assert publish(notification_id)  # and once more: the same id, the same message, twice
    start_worker()
    wait_until_sent(ids, timeout=60)
    assert_exactly_once(ids, smtp_server, settle=2.0)
    assert len(smtp_server.messages) == 200


def test_it_delivers_everything_after_the_main_worker_is_killed_and_restarted(
    postgres, start_worker, smtp_server
):
    ids = answered_inquiries(400)  # queued first, so the worker is still busy when it is killed ...
    smtp_server.delay = 0.02  # ... however fast this machine sends them (a second or two in all)
    worker = start_worker()
    assert wait_for(lambda: sent_count(ids) >= 20, 60, interval=0.02)
    children = len(worker.children())
    worker.kill_main()
    assert sent_count(ids) < len(ids), "the worker finished before it could be killed"
    restarted = time.monotonic()
    worker.start()
    elapsed = wait_until_sent(ids, timeout=60)
    visibility, sweep = 10, 2  # tests.notifications.services.FAST
    assert elapsed < visibility + sweep + 10, f"took {time.monotonic() - restarted:.1f} s"
    assert_exactly_once(ids, smtp_server, settle=2.0, killed_mid_send=children)  # they die with the machine


def test_it_sends_a_committed_row_that_was_never_published(postgres, start_worker, smtp_server):
    """The process died between commit and publish: only the sweeper knows about this row."""
    start_worker()
    inquiry_ids = answered_inquiries(1)
    row = Notification.objects.get(pk=inquiry_ids[0])
    Notification.objects.filter(pk=row.pk).update(status="pending")  # as if never published
    orphan = Notification.objects.create(
        key=f"orphan:{row.pk}",
        inquiry=row.inquiry,
        event=row.event,
        kind=row.kind,
        channel="email",
        recipient="orphan@example.jp",
        subject=row.subject,
        body_text=row.body_text,
    )  # fmt: skip  (written straight to the table: no on_commit, no publish)
    wait_until_sent([orphan.pk], timeout=15)
    assert_exactly_once([row.pk, orphan.pk], smtp_server)
