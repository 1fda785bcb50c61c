"""The queue: what the Inquiry changelist shows, how it is filtered and ordered."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from archive.display import place_name
from archive.names.prefectures import PREFECTURES
from inquiries.models import CLOSED_STATUSES


class AssigneeFilter(admin.SimpleListFilter):
    title = _("担当")
    parameter_name = "who"

    def lookups(self, request, model_admin):
        return [("mine", _("自分の担当")), ("unassigned", _("未割当"))]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(assignee=request.user)
        if self.value() == "unassigned":
            return queryset.filter(assignee__isnull=True)
        if (self.value() or "").isdecimal():  # one colleague's cases (links from the dashboard)
            return queryset.filter(assignee_id=int(self.value()))
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("期限超過")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("期限超過のみ")), ("no", _("期限内"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "no":
            return queryset.not_overdue()
        return queryset


class OpenFilter(admin.SimpleListFilter):
    title = _("対応中・完了")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("対応中")), ("no", _("完了・取下げ・重複"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.open()
        if self.value() == "no":
            return queryset.filter(status__in=CLOSED_STATUSES)
        return queryset


class PrefectureFilter(admin.SimpleListFilter):
    """The relative's birthplace, in the standard prefecture order (no query for the choices)."""

    title = _("出生地・本籍地")
    parameter_name = "pref"

    def lookups(self, request, model_admin):
        return [(p.code, place_name(p.code)) for p in PREFECTURES]

    def queryset(self, request, queryset):
        return queryset.filter(birthplace=self.value()) if self.value() else queryset
