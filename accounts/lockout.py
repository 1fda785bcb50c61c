"""When a paused sign-in (django-axes) may be tried again: the last counted failure for this
username from this address, plus the cool-off."""

from __future__ import annotations

import datetime

from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django.utils import timezone


def retry_at(request, credentials=None) -> datetime.datetime:
    cool_off = get_cool_off(request) or datetime.timedelta(0)
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    last = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials), ip_address=address
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off
