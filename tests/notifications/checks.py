"""Waiting for delivery and asserting each notification reached the SMTP server exactly once."""

from __future__ import annotations

import time
from collections import Counter

from django.db import transaction

from inquiries.models import Notification, Status
from tests.notifications.factories import make_inquiry, move
from tests.notifications.services import wait_for


def answered_inquiries(count: int, per_transaction: int = 50) -> list[int]:
    """`count` answered-inquiry e-mails written as the verbs write them, published after each commit."""
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


def assert_exactly_once(ids, smtp, settle: float = 1.0, killed_mid_send: int = 0) -> None:
    """Every notification sent, and each one's Message-ID seen exactly once at the SMTP server.

    `killed_mid_send`: how many worker processes the test killed with SIGKILL while they were
    sending. A process killed after the server's 250 reply and before the row's UPDATE reached the
    database leaves a message that is sent again, with the same Message-ID (the window documented
    in `inquiries.notifications.delivery`). At most that many repeats are accepted, each only
    twice and only on a row that was claimed more than once; anything else fails.
    """
    time.sleep(settle)  # a duplicate would arrive after the row is marked sent
    rows = dict(Notification.objects.filter(pk__in=ids).values_list("message_id", "status"))
    assert len(rows) == len(ids)
    assert Counter(rows.values()) == {"sent": len(ids)}
    seen = Counter(smtp.message_ids())
    duplicates = {mid: n for mid, n in seen.items() if n > 1}
    attempts = dict(
        Notification.objects.filter(message_id__in=duplicates).values_list("message_id", "attempts")
    )
    report = {mid: (n, attempts.get(mid)) for mid, n in duplicates.items()}  # times at the server, claims
    in_the_window = all(n == 2 and (attempts.get(mid) or 0) >= 2 for mid, n in duplicates.items())
    assert len(duplicates) <= killed_mid_send and in_the_window, f"sent more than once: {report}"
    assert set(rows) <= set(seen), f"{len(set(rows) - set(seen))} notification(s) never reached the server"
