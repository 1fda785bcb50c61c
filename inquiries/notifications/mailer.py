"""One mail connection kept open per worker process (per thread), instead of one per message.

An SMTP connection costs a TCP handshake, a greeting, EHLO (and STARTTLS/AUTH in production) before
the first message; reusing it is most of the difference between dozens and hundreds of e-mails a
second. The connection is dropped after any error (the next message opens a fresh one), after
MAX_MESSAGES messages, and when it has been idle longer than IDLE_SECONDS (servers hang up on idle
clients); a worker child closes it with QUIT when it shuts down.

Only the SMTP backend is kept open: the file backend (the demo without EMAIL_HOST) writes one file
per open connection, and every message must stay its own file there.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

MAX_MESSAGES = 500
IDLE_SECONDS = 30.0

_local = threading.local()


def _settings_key() -> tuple:
    return (settings.EMAIL_BACKEND, getattr(settings, "EMAIL_HOST", ""), getattr(settings, "EMAIL_PORT", 0))


def send(message) -> int:
    """Send one EmailMessage; raise what the backend raises. Returns the number sent (0 or 1)."""
    backend = get_connection(timeout=settings.EMAIL_TIMEOUT)
    if not isinstance(backend, SMTPBackend):
        return backend.send_messages([message])
    held = _held()
    if held is None:
        backend.open()
        held = _local.held = [backend, _settings_key(), 0, time.monotonic()]
    try:
        sent = held[0].send_messages([message])
    except BaseException:
        close()  # a broken or half-finished session is never reused
        raise
    held[2] += 1
    held[3] = time.monotonic()
    return sent  # no QUIT here even after MAX_MESSAGES: the caller marks the row sent first


def reused() -> bool:
    """True when the next message would go over a connection that already carried one."""
    held = getattr(_local, "held", None)
    return held is not None and held[2] > 0


def _held():
    held = getattr(_local, "held", None)
    if held is None:
        return None
    _backend, key, count, last_used = held
    if key != _settings_key() or count >= MAX_MESSAGES or time.monotonic() - last_used > IDLE_SECONDS:
        close()
        return None
    return held


def close(**_signal_kwargs) -> None:
    """Say QUIT and forget the connection; never raises (also the worker_process_shutdown receiver)."""
    held = getattr(_local, "held", None)
    _local.held = None
    if held is not None:
        try:
            held[0].close()
        except Exception:  # the server or socket is already gone; nothing to keep
            pass
