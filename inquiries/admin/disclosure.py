"""The disclosure export on the case page (APPI): pick the applicant's cases, download one zip.

GET lists the cases that share this case's applicant (e-mail, telephone, name); POST exports the
ticked ones through `inquiries.services.disclosure.export`, which checks the policy and audits.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from inquiries import policy
from inquiries.models import Inquiry
from inquiries.services.disclosure import export, find_applicant_cases

REASONS = {"email": "メールアドレス", "phone": "電話番号", "name": "氏名"}


class DisclosureMixin:
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/disclose/", wrap(self.disclose_view), name="inquiries_inquiry_disclose"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_disclose": policy.may(request.user, "disclose")}
        return super().change_view(request, object_id, form_url, extra_context)

    def disclose_view(self, request, pk):
        if not policy.may(request.user, "disclose"):
            raise PermissionDenied
        inquiry = get_object_or_404(Inquiry, pk=pk)
        matches = find_applicant_cases(inquiry)
        error = ""
        if request.method == "POST":
            by_pk = {str(m.inquiry.pk): m.inquiry for m in matches}
            chosen = [by_pk[pk] for pk in request.POST.getlist("inquiry") if pk in by_pk]
            if chosen:
                handle, name = export(chosen, user=request.user, reason=request.POST.get("reason", ""))
                response = FileResponse(
                    handle, as_attachment=True, filename=name, content_type="application/zip"
                )
                response["Cache-Control"] = "no-store"
                return response
            error = _("書き出す照会を一つ以上選んでください。")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "case": inquiry,
            "rows": [(m.inquiry, [_(REASONS[r]) for r in m.reasons]) for m in matches],
            "error": error,
            "title": _("開示のための書き出し"),
        }
        return TemplateResponse(
            request, "admin/inquiries/inquiry/disclose.html", context, status=400 if error else 200
        )
