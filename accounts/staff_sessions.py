"""How long a staff session lasts: STAFF_IDLE_TIMEOUT seconds without a request, and at most
STAFF_SESSION_MAX_AGE seconds after signing in, however busy. Only signed-in sessions carry these
times; a family's session (an unfinished inquiry form) never does."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

SIGNED_IN_AT = "staff_signed_in_at"
SEEN_AT = "staff_seen_at"
# The last request is written down at most once a minute, not on every page (a session write each):
# an idle session may end up to this much before STAFF_IDLE_TIMEOUT.
SEEN_RESOLUTION = 60
IDLE = "idle"
LIFETIME = "lifetime"


def _now() -> float:
    return timezone.now().timestamp()


def start(session) -> None:
    """At sign-in: both clocks start now, and the cookie lives no longer than the session may."""
    now = _now()
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now
    session.set_expiry(settings.STAFF_SESSION_MAX_AGE)


def ended(session) -> str | None:
    """IDLE or LIFETIME if the session is over, else None (and it counts as seen now, to the minute)."""
    now = _now()
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)  # a session from before these limits
    seen_at = session.get(SEEN_AT, now)
    if now - signed_in_at > settings.STAFF_SESSION_MAX_AGE:
        return LIFETIME
    if now - seen_at > settings.STAFF_IDLE_TIMEOUT:
        return IDLE
    if now - seen_at >= min(SEEN_RESOLUTION, settings.STAFF_IDLE_TIMEOUT // 2):
        session[SEEN_AT] = now
    return None
