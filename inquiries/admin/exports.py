"""The queue's exports (inquiries.services.exports): the cases and the statistics of the queue's
current filter, as CSV downloads, for those the policy lets export ("export.cases",
"export.statistics"). The links sit above the queue and carry its query string."""

from __future__ import annotations

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path
from django.utils.translation import gettext as _

from inquiries import policy
from inquiries.services import exports


def _download(export: exports.Export) -> HttpResponse:
    response = HttpResponse(export.text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ExportMixin:
    """For the Inquiry admin: /export/ (cases) and /statistics/ beside the queue."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_cases_view), name="inquiries_inquiry_export"),
            path("statistics/", wrap(self.export_statistics_view), name="inquiries_inquiry_statistics"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        may = {
            "can_export_cases": policy.may(request.user, "export.cases"),
            "can_export_statistics": policy.may(request.user, "export.statistics"),
        }
        return super().changelist_view(request, {**(extra_context or {}), **may})

    def _export(self, request, ability: str, build):
        if not (policy.may(request.user, ability) and self.has_view_permission(request)):
            raise PermissionDenied
        try:
            queryset = self.get_changelist_instance(request).queryset  # the queue as filtered
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("絞り込みの条件が正しくありません。"))
        return _download(build(queryset, request.user, described=request.GET.urlencode()))

    def export_cases_view(self, request):
        return self._export(request, "export.cases", exports.export_cases)

    def export_statistics_view(self, request):
        return self._export(request, "export.statistics", exports.export_statistics)
