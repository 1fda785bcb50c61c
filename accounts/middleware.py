"""Two checks on every request of a signed-in account; families (never signed in) pass untouched.

StaffSessionMiddleware ends a staff session that was idle too long or has lasted too long; on a staff
page it then sends the person to the login page with a word why. SecondFactorMiddleware lets an
account that has given its password but not yet its second factor reach only the second-factor
pages, the logout and the language switch (fail closed: every other page sends it there)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import staff_sessions

ENDED = {
    staff_sessions.IDLE: _("しばらく操作がなかったため、ログアウトしました。もう一度ログインしてください。"),
    staff_sessions.LIFETIME: _(
        "ログインしてから時間がたったため、ログアウトしました。もう一度ログインしてください。"
    ),
}


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            why = staff_sessions.ended(request.session)
            if why is not None:
                logout(request)
                if request.path.startswith(reverse("admin:index")):
                    messages.info(request, ENDED[why])
                    return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if settings.STAFF_OTP_REQUIRED and user.is_authenticated and not user.is_verified():
            if not self.open_before_second_factor(request.path):
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse('accounts:second_factor')}?{query}")
        return self.get_response(request)

    @staticmethod
    def open_before_second_factor(path: str) -> bool:
        return path.startswith((reverse("accounts:second_factor"), settings.STATIC_URL)) or path in {
            reverse("admin:logout"),
            reverse("set_language"),
            reverse("healthz"),
        }
