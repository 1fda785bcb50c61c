""" "Whose cases did this account open between two dates?" — a page for the data-protection questions
(inquiries.policy, "audit.reads"), answered by audit.queries.opened_by from the trail's index."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.queries import opened_by
from inquiries import policy
from inquiries.models import Inquiry

SHOWN = 1000  # rows on the page; the count says when there are more


class ReadsForm(forms.Form):
    account = forms.ModelChoiceField(
        label=gettext_lazy("職員アカウント"),
        queryset=get_user_model().objects.filter(is_staff=True).order_by("username"),
    )
    start = forms.DateField(label=gettext_lazy("開始日"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label=gettext_lazy("終了日（この日を含む）"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("終了日は開始日より後にしてください。"))
        return data

    def period(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start 00:00, the day after end 00:00) in the site's time zone."""
        start, end = self.cleaned_data["start"], self.cleaned_data["end"] + datetime.timedelta(days=1)
        zone = timezone.get_current_timezone()
        return (
            datetime.datetime.combine(start, datetime.time(), zone),
            datetime.datetime.combine(end, datetime.time(), zone),
        )


def reads_view(model_admin, request):
    if not policy.may(request.user, "audit.reads"):
        raise PermissionDenied
    form = ReadsForm(request.GET if request.GET else None)
    found = None
    if form.is_valid():
        start, end = form.period()
        found = opened_by(form.cleaned_data["account"].pk, start, end, model=Inquiry)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("職員が開いた照会"),
        "form": form,
        "found": found[:SHOWN] if found is not None else None,
        "total": len(found) if found is not None else 0,
        "more": found is not None and len(found) > SHOWN,
    }
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "admin/audit/reads.html", context, status=status)
