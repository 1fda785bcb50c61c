"""The address django-axes counts failures by, and when a paused sign-in may be tried again (the
last counted failure for this username from this address, plus the cool-off)."""

from __future__ import annotations

import datetime
import ipaddress

from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import import_string


def client_ip(request) -> str | None:
    """The client address the rate limits use (settings.CLIENT_ADDRESS_CALLABLE), or None when it is
    not an IP address (a request with no REMOTE_ADDR, such as the test client's force_login or a
    UNIX socket with no proxy header): django-axes keeps it in a GenericIPAddressField, which
    PostgreSQL refuses anything else for, so a word there would fail the sign-in."""
    address = import_string(settings.CLIENT_ADDRESS_CALLABLE)(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def retry_at(request, credentials=None) -> datetime.datetime:
    cool_off = get_cool_off(request) or datetime.timedelta(0)
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    last = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials), ip_address=address
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off
