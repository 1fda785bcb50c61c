"""Counting requests per client address in the Django cache (Redis when configured).

A hit is counted first, in one atomic step, and the request is refused when the new count is over
the limit: parallel requests cannot all slip through between a check and a count. Each window is
fixed (its expiry is set when the first hit creates the counter), so refused hits do not prolong it.

The client address is read through TRUSTED_PROXY_COUNT proxies (see `client_address`). IPv6
addresses are counted per /64 network, the block one household or one machine usually holds.

A cache that cannot be reached must never stop a family from filing or following an inquiry:
every cache error is logged and the request is let through (fail open).
"""

from __future__ import annotations

import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The address of the client, read through TRUSTED_PROXY_COUNT proxies in front of the site.

    With no proxy (0) it is REMOTE_ADDR. Behind N proxies, each one appends the address it was
    reached from to X-Forwarded-For, so the client is the Nth entry from the right; anything to the
    left of it was written by the client and is not trusted. Also used by django-axes.
    """
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    # fewer entries than proxies: every entry was still written by one of our proxies
    candidate = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        logger.warning("X-Forwarded-For holds no valid address at the trusted position; using REMOTE_ADDR")
        return remote


def _group(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _key(bucket: str, address: str) -> str:
    return f"ratelimit:{bucket}:{_group(address)}"


def hit(bucket: str, address: str, window: int) -> int:
    """Count one hit and return the new count in this window (0 if the cache is down)."""
    key = _key(bucket, address)
    try:
        raw_client = _redis_client(key)
        if raw_client is not None:
            full_key = cache.make_and_validate_key(key)
            pipe = raw_client.pipeline(transaction=True)  # MULTI/EXEC: both or neither
            pipe.set(full_key, 0, ex=window, nx=True)
            pipe.incr(full_key)
            return int(pipe.execute()[1])
        if cache.add(key, 1, timeout=window):
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr: a new window
            cache.set(key, 1, timeout=window)
            return 1
    except Exception:
        logger.warning("rate limit cache unavailable; letting the request through", exc_info=True)
        return 0


def over(bucket: str, address: str, limit: int, window: int) -> bool:
    """Count one hit; True when it is beyond `limit` in the window (never when the cache is down)."""
    return hit(bucket, address, window) > limit


def _redis_client(key: str):
    """The redis-py client behind Django's Redis cache, or None for other cache backends."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    return backend._cache.get_client(key, write=True)
