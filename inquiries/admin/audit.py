"""The audit trail in the admin: view only, for everyone who may see it, with the applicant's
contact details masked for the roles that may not see them (inquiries.policy, "case.contact"), and
no secret (a token's hash, a submission key: audit.trail.SECRET_FIELDS) shown to anyone, even in
entries written before the trail stopped storing them.

Registered here, above the apps, rather than in the audit app: the audit app is the bottom layer
and knows neither the inquiries' facts nor the policy. The case page's history uses `visible` too.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import path
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry
from audit.trail import without_secrets
from inquiries import facts, policy
from inquiries.admin.audit_reads import reads_view
from inquiries.models import Inquiry

HIDDEN = "***"


def visible(entry: AuditEntry, user) -> AuditEntry:
    """The entry as this user may see it: no secrets; an inquiry's contact details masked without
    "case.contact"."""
    entry.changes = without_secrets(entry.changes)
    if policy.may(user, "case.contact"):
        return entry
    if ContentType.objects.get_for_id(entry.content_type_id).model_class() is not Inquiry:
        return entry
    entry.changes = {
        field: [HIDDEN, HIDDEN] if field in facts.CONTACT.fields else pair
        for field, pair in (entry.changes or {}).items()
    }
    return entry


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

    def get_urls(self):
        view = self.admin_site.admin_view(lambda request: reads_view(self, request))
        return [path("reads/", view, name="audit_auditentry_reads"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_see_reads": policy.may(request.user, "audit.reads")}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        for entry in changelist.result_list:
            visible(entry, request.user)
        return changelist

    def get_object(self, request, object_id, from_field=None):
        entry = super().get_object(request, object_id, from_field)
        return visible(entry, request.user) if entry is not None else None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
