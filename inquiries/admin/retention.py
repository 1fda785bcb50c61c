"""The retention period as the manager sets it: one row, its change page reached from the app index.
Saving calls the service, which checks the policy and audits the change."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse

from inquiries.models import RetentionPolicy
from inquiries.services.retention import set_period


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    fields = ("closed_case_days", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")

    # Viewing and changing: the Django permissions the policy's "retention.manage" gives the role.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        current = RetentionPolicy.current()
        return HttpResponseRedirect(reverse("admin:inquiries_retentionpolicy_change", args=[current.pk]))

    def save_model(self, request, obj, form, change):
        set_period(obj.closed_case_days, user=request.user)
