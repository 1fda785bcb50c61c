"""The audit trail in the admin: view only, for everyone who may see it."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_name", "content_type", "object_repr", "action", "summary", "reason")
    list_filter = ("content_type", "action")
    search_fields = ("=object_id", "object_repr", "actor_name", "reason")
    list_select_related = ("content_type",)
    show_full_result_count = False
    readonly_fields = (
        "created_at",
        "actor_name",
        "content_type",
        "object_id",
        "object_repr",
        "action",
        "changes",
        "reason",
    )
    fields = readonly_fields

    @admin.display(description=_("変更内容"))
    def summary(self, obj):
        return "; ".join(
            f"{field}: {pair[0] if isinstance(pair, list) else ''} → {pair[1] if isinstance(pair, list) else pair}"
            for field, pair in obj.changes.items()
        )[:300]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
