"""The second-factor page (enrolment or verification) and the page shown while sign-in is paused."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from accounts import lockout, second_factor
from accounts.forms import CodeForm

REFUSED = {
    second_factor.Outcome.WRONG: gettext_lazy(
        "確認コードが正しくありません。認証アプリに今表示されている数字を入力してください。"
    ),
    second_factor.Outcome.WAIT: gettext_lazy(
        "確認コードの誤りが続いたため、少し待ってからもう一度入力してください。"
    ),
}


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


@never_cache
@login_required
def second_factor_page(request):
    if not settings.STAFF_OTP_REQUIRED or request.user.is_verified():
        return redirect(_next(request))
    device = second_factor.confirmed_device(request.user)
    enrolling = device is None
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        outcome = second_factor.enrol(request, code) if enrolling else second_factor.verify(request, code)
        if outcome is second_factor.Outcome.ACCEPTED:
            return redirect(_next(request))
        form.add_error("code", str(REFUSED[outcome]))
    context = {
        **admin.site.each_context(request),
        "title": _("二段階認証の設定") if enrolling else _("確認コードの入力"),
        "form": form,
        "next": _next(request),
    }
    if enrolling:
        device = second_factor.enrolment_device(request.user)
        context.update(qr=second_factor.qr_code(device), secret=second_factor.secret_text(device))
    template = "accounts/enrol.html" if enrolling else "accounts/verify.html"
    return render(request, template, context)


def locked_out(request, response=None, credentials=None):
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE): calm, with the time to try again."""
    retry_at = lockout.retry_at(request, credentials)
    context = {
        **admin.site.each_context(request),
        "title": _("ログインを一時的に止めています"),
        "retry_at": retry_at,
        "minutes": max(1, math.ceil((retry_at - timezone.now()).total_seconds() / 60)),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
