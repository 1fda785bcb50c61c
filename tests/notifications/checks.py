"""Waiting for delivery and asserting each notification reached the SMTP server exactly once."""

from __future__ import annotations

import time
from collections import Counter

from django.db import transaction

from inquiries.models import Notification, Status
from tests.notifications.factories import make_inquiry, move
from tests.notifications.services import wait_for


def answered_inquiries(count: int, per_transaction: int = 50) -> list[int]:
    """`count` answered-inquiry e-mails written through record_event, published after each commit."""
    ids = []
    for start in range(0, count, per_transaction):
        with transaction.atomic():
            for _ in range(min(per_transaction, count - start)):
                inquiry = make_inquiry(status=Status.SEARCHING)
                move(inquiry, Status.ANSWERED, note="資料により特定いたしました。")
                ids.append(inquiry.pk)
    return list(Notification.objects.filter(inquiry_id__in=ids).values_list("pk", flat=True))


def sent_count(ids) -> int:
    return Notification.objects.filter(pk__in=ids, status=Notification.Status.SENT).count()


def wait_until_sent(ids, timeout: float) -> float:
    started = time.monotonic()
    wait_for(lambda: sent_count(ids) == len(ids), timeout, interval=0.25)
    return time.monotonic() - started


def assert_exactly_once(ids, smtp, settle: float = 1.0) -> None:
    """Every notification sent, and each one's Message-ID seen exactly once at the SMTP server."""
    time.sleep(settle)  # a duplicate would arrive after the row is marked sent
    rows = dict(Notification.objects.filter(pk__in=ids).values_list("message_id", "status"))
    assert len(rows) == len(ids)
    assert Counter(rows.values()) == {"sent": len(ids)}
    seen = Counter(smtp.message_ids())
    duplicates = {mid: n for mid, n in seen.items() if n > 1}
    assert duplicates == {}
    assert set(rows) <= set(seen), f"{len(set(rows) - set(seen))} notification(s) never reached the server"
