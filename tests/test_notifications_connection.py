"""One SMTP connection carries many messages; a connection the server hung up on is replaced."""

from __future__ import annotations

import socket

import pytest

from inquiries.models import Notification, Status
from inquiries.notifications import delivery, mailer
from tests.notifications import services
from tests.notifications.factories import move, only_notification, submit

smtp_server = services.smtp_server
pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_settings(settings, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    yield smtp_server
    mailer.close()


def answers(count: int) -> list[int]:
    ids = []
    for _ in range(count):
        inquiry = submit()
        Notification.objects.filter(inquiry=inquiry).update(status="sent")
        move(inquiry, Status.ANSWERED, note="資料により特定いたしました。")
        ids.append(only_notification(inquiry, kind="answered").pk)
    return ids


def test_it_sends_many_messages_over_one_connection(smtp_settings):
    ids = answers(5)
    assert [delivery.deliver(pk).result for pk in ids] == ["sent"] * 5
    assert len(smtp_settings.messages) == 5
    assert len(smtp_settings.peers) == 1  # one TCP connection, one greeting, five messages
    assert set(Notification.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == {1}


def test_it_sends_again_over_a_new_connection_when_the_server_hung_up(smtp_settings):
    first, second = answers(2)
    assert delivery.deliver(first).result == "sent"
    held = mailer._local.held[0].connection
    held.sock.shutdown(socket.SHUT_RDWR)  # as when the server drops an idle connection
    assert delivery.deliver(second).result == "sent"
    row = Notification.objects.get(pk=second)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, "")
    assert len(smtp_settings.messages) == 2 and len(smtp_settings.peers) == 2
