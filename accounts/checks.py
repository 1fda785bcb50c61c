"""`manage.py check --deploy` warns while staff may sign in with a password alone."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def second_factor_required(app_configs, **kwargs) -> list[Warning]:
    if settings.STAFF_OTP_REQUIRED:
        return []
    return [
        Warning(
            "STAFF_OTP_REQUIRED is off: staff sign in with a password alone.",
            hint="Only the demo (make run) may switch the second factor off; unset STAFF_OTP_REQUIRED.",
            id="accounts.W001",
        )
    ]
