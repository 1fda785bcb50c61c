"""Staff views of the outbox: filter failures, resend, print letters, log telephone calls.

Who may do each comes from the policy (inquiries.policy): outbox.view, outbox.resend, letters.print,
calls.log."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audit import trail
from audit.models import AuditEntry
from inquiries import policy
from inquiries.models import CallLog, Notification
from inquiries.notifications import manual


class CallLogInline(admin.TabularInline):
    model = CallLog
    extra = 1
    fields = ["called_at", "caller", "outcome", "note"]
    readonly_fields = ["caller"]

    def has_view_permission(self, request, obj=None):
        return policy.may(request.user, "outbox.view")

    def has_add_permission(self, request, obj=None):
        return policy.may(request.user, "calls.log")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "inquiry", "kind", "channel", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["inquiry__reference", "recipient", "subject"]
    readonly_fields = [
        "key", "inquiry", "event", "kind", "channel", "recipient", "language", "subject", "body_text",
        "body_html", "status", "attempts", "last_error", "message_id", "created_at", "sent_at",
        "next_attempt_at", "lease_until",
    ]  # fmt: skip
    actions = ["resend_selected", "print_letters"]
    inlines = [CallLogInline]
    list_select_related = ["inquiry"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A notification's page shows the family's address and the message: a read of their case."""
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            shown = self.get_object(request, object_id)
            if shown is not None and shown.inquiry is not None:
                trail.record_access(
                    shown.inquiry, AuditEntry.Action.VIEWED, request.user, notification=shown.pk
                )
        return response

    def get_inlines(self, request, obj):
        return [CallLogInline] if obj and obj.channel == Notification.Medium.PHONE else []

    def has_resend_permission(self, request):
        return policy.may(request.user, "outbox.resend")

    def has_print_permission(self, request):
        return policy.may(request.user, "letters.print")

    def save_formset(self, request, form, formset, change):
        calls = formset.save(commit=False)  # the inline offers no new row to those who may not log calls
        for call in calls if policy.may(request.user, "calls.log") else ():
            if call.pk is None:
                manual.log_call(form.instance, request.user, call.outcome, call.note, call.called_at)

    @admin.action(description=gettext_lazy("選択したお知らせを再送する"), permissions=["resend"])
    def resend_selected(self, request, queryset):
        count = sum(manual.resend(pk, request.user) for pk in queryset.values_list("pk", flat=True))
        self.message_user(
            request, _("%(n)d件を再送の待ち行列に入れました。") % {"n": count}, messages.SUCCESS
        )

    @admin.action(description=gettext_lazy("選択した郵送のお知らせを印刷する"), permissions=["print"])
    def print_letters(self, request, queryset):
        chosen = queryset.filter(channel=Notification.Medium.LETTER).order_by("created_at", "id")
        if not chosen:
            self.message_user(request, _("郵送のお知らせが選択されていません。"), messages.WARNING)
            return None
        return HttpResponse(manual.print_letters(chosen, request.user))

    def get_urls(self):
        mark = self.admin_site.admin_view(require_POST(self.mark_printed_view))
        return [path("mark-printed/", mark, name="inquiries_notification_mark_printed"), *super().get_urls()]

    def mark_printed_view(self, request):
        if not self.has_print_permission(request):
            raise PermissionDenied
        count = manual.mark_printed(request.POST.getlist("ids"), request.user)
        self.message_user(
            request, _("%(n)d通を印刷済み（送付済み）にしました。") % {"n": count}, messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:inquiries_notification_changelist"))
