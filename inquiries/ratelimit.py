"""Counting requests per address in the Django cache (Redis when configured).

A cache that cannot be reached must never stop a family from filing or following an inquiry:
every cache error is logged and the request is let through (fail open).

Limits can be changed in settings without code:
FAMILY_SUBMIT_LIMIT (10 per hour), FAMILY_TRACKING_SLOW_AFTER (5 wrong links) and
FAMILY_TRACKING_LIMIT (20 wrong links per hour).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

HOUR = 60 * 60


def limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def client_address(request) -> str:
    """The address the request came from (the WSGI server's REMOTE_ADDR; set it correctly behind a proxy)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(bucket: str, address: str) -> str:
    return f"ratelimit:{bucket}:{address}"


def count(bucket: str, address: str) -> int:
    """How many hits this address has in the bucket's current window (0 if the cache is down)."""
    try:
        return int(cache.get(_key(bucket, address)) or 0)
    except Exception:
        logger.warning("rate limit cache unavailable; letting the request through", exc_info=True)
        return 0


def hit(bucket: str, address: str, window: int = HOUR) -> int:
    """Add one hit and return the new count (0 if the cache is down)."""
    key = _key(bucket, address)
    try:
        if cache.add(key, 1, timeout=window):
            return 1
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        try:
            cache.set(key, 1, timeout=window)
        except Exception:
            logger.warning("rate limit cache unavailable; letting the request through", exc_info=True)
            return 0
        return 1
    except Exception:
        logger.warning("rate limit cache unavailable; letting the request through", exc_info=True)
        return 0
