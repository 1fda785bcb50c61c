"""Candidate matches across all inquiries: a read-only list; decisions are made on the case page."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from archive.matching import reasons
from audit.trail import entries_for
from inquiries.models import CandidateMatch


@admin.register(CandidateMatch)
class CandidateMatchAdmin(admin.ModelAdmin):
    list_display = ("case_link", "record", "score", "band", "status", "flagged", "proposed_by", "decided_by")
    list_filter = ("status", "band", "flagged")
    list_select_related = ("inquiry", "record", "proposed_by", "decided_by")
    search_fields = ("=inquiry__reference", "=record__source_id")
    ordering = ("-score",)
    show_full_result_count = False
    readonly_fields = (
        "case_link", "record", "score", "band", "status", "flagged", "also", "reasons", "note",
        "proposed_by", "proposed_at", "decided_by", "decided_at", "audit_trail",
    )  # fmt: skip
    fields = readonly_fields

    @admin.display(description=_("照会"), ordering="inquiry__reference")
    def case_link(self, obj):
        url = reverse("admin:inquiries_inquiry_change", args=[obj.inquiry_id])
        return format_html('<a href="{}#candidates">{}</a>', url, obj.inquiry.reference)

    @admin.display(description=_("根拠"))
    def reasons(self, obj):
        return " / ".join(reasons(obj.explanation or {}))

    @admin.display(description=_("変更履歴"))
    def audit_trail(self, obj):
        rows = [
            format_html(
                "<li>{} {} — {}</li>",
                f"{entry.created_at:%Y-%m-%d %H:%M}",
                entry.actor_name or _("システム"),
                "; ".join(f"{field}: {pair[0]} → {pair[1]}" for field, pair in entry.changes.items()),
            )
            for entry in entries_for(obj)[:50]
        ]
        return format_html("<ul>{}</ul>", format_html_join("", "{}", ((row,) for row in rows)))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
