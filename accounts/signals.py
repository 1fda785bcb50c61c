"""Every password sign-in through the admin's login form, successful or not, in the audit trail.

Why a signal here: the login view is Django's own (django.contrib.admin), and `user_logged_in` /
`user_login_failed` are the documented hooks for its outcome (django-axes counts failures from the
same two). The second factor is recorded by accounts.second_factor, which performs that step."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts import staff_sessions, trail


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def signed_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        staff_sessions.start(request.session)
    trail.signed_in(user, request)


@receiver(user_login_failed, dispatch_uid="accounts.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")
    if getattr(request, "axes_locked_out", False):  # set by django-axes, whose receiver runs first
        trail.sign_in_failed(username, request, locked_out=True)
    else:
        trail.sign_in_failed(username, request)
