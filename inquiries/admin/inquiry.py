"""The Inquiry admin: the queue (changelist) and the case page (read-only facts plus panels)."""

from __future__ import annotations

import re

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from archive.display import place_name
from inquiries.admin import case_page, queue
from inquiries.admin.actions import assign_to_me, move_selected
from inquiries.admin.disclosure import DisclosureMixin
from inquiries.admin.exports import ExportMixin
from inquiries.admin.intake import IntakeForm
from inquiries.models import Inquiry
from inquiries.services.intake import enter_inquiry

REFERENCE = re.compile(r"[A-Za-z]*-?[0-9][0-9-]*")


@admin.register(Inquiry)
class InquiryAdmin(ExportMixin, DisclosureMixin, case_page.CasePageMixin, admin.ModelAdmin):
    list_display = (
        "reference",
        "status_display",
        "age_days",
        "assignee_display",
        "channel",
        "relative_kana",
        "relative_kanji",
        "birthplace_display",
        "priority_score",
    )
    list_display_links = ("reference",)
    list_filter = (
        queue.AssigneeFilter,
        queue.OpenFilter,
        "status",
        queue.OverdueFilter,
        queue.PrefectureFilter,
        "channel",
    )
    list_select_related = ("assignee",)
    list_per_page = 50
    show_full_result_count = False  # one COUNT fewer on a big table
    ordering = ("created_at", "id")
    search_fields = ("=reference", "surname_kanji", "given_name_kanji", "surname_kana", "given_name_kana")
    actions = (assign_to_me, move_selected)
    date_hierarchy = None

    def get_queryset(self, request):
        return super().get_queryset(request).with_overdue()

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if REFERENCE.fullmatch(term):  # a receipt number: one indexed lookup, not a scan of every name
            return queryset.filter(reference=term.upper()), False
        return super().get_search_results(request, queryset, search_term)

    # The queue's columns.
    @admin.display(description=_("状況"), ordering="status")
    def status_display(self, obj):
        return obj.get_status_display()

    @admin.display(description=_("経過日数"), ordering="created_at")
    def age_days(self, obj):
        days = (timezone.now() - obj.created_at).days
        if obj.is_overdue:
            return format_html('<strong class="overdue">{} ⚠ {}</strong>', days, _("期限超過"))
        return days

    @admin.display(description=_("担当者"), ordering="assignee__username")
    def assignee_display(self, obj):
        if obj.assignee is None:
            return "—"
        return obj.assignee.get_full_name() or obj.assignee.get_username()

    @admin.display(description=_("ご本人（フリガナ）"), ordering="surname_kana")
    def relative_kana(self, obj):
        return f"{obj.surname_kana} {obj.given_name_kana}".strip() or "—"

    @admin.display(description=_("ご本人（漢字）"), ordering="surname_kanji")
    def relative_kanji(self, obj):
        return f"{obj.surname_kanji} {obj.given_name_kanji}"

    @admin.display(description=_("出生地"), ordering="birthplace")
    def birthplace_display(self, obj):
        return place_name(obj.birthplace) or "—"

    @admin.display(description=_("優先度"), ordering="-priority")
    def priority_score(self, obj):
        return obj.priority

    # Facts are read-only once the case exists; every change goes through the services.
    def has_change_permission(self, request, obj=None):
        if obj is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    # Staff-assisted intake (post and telephone) through the add form.
    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = IntakeForm
            kwargs["fields"] = IntakeForm.Meta.fields
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": IntakeForm.Meta.fields})]
        return case_page.fact_fieldsets(request.user)

    def get_readonly_fields(self, request, obj=None):
        return case_page.fact_fields(request.user) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:  # never reached (facts are read-only), but keep the door shut
            return
        created = enter_inquiry(form.cleaned_data, user=request.user)
        obj.pk = created.inquiry.pk
        obj.reference = created.inquiry.reference
        form.instance = created.inquiry
        request._intake_result = created

    def save_related(self, request, form, formsets, change):
        pass

    def response_add(self, request, obj, post_url_continue=None):
        result = getattr(request, "_intake_result", None)
        if result is not None and result.token:
            self.message_user(request, case_page.tracking_message(result))
        return super().response_add(request, obj, post_url_continue)
