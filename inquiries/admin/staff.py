"""Staff accounts as the administrator role manages them: one form (name, e-mail, roles).

Staff status follows from holding a role. The administrator role never sees or edits a superuser,
never grants superuser status or single permissions, and never sets another person's password: a
new account, and any account on request, gets a password-reset link by e-mail (Django's own
password-reset e-mail and pages). Superusers keep Django's full user form (they are the operator's
accounts, made with `createsuperuser` on the server).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inquiries.roles import ROLES

User = get_user_model()


def role_groups():
    return Group.objects.filter(name__in=[role.group for role in ROLES]).order_by("name")


class StaffAccountForm(forms.ModelForm):
    roles = forms.ModelMultipleChoiceField(
        label=gettext_lazy("役割"),
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("役割を一つ以上持つ職員だけが業務画面にログインできます。"),
    )

    class Meta:
        model = User
        fields = ("username", "last_name", "first_name", "email", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = role_groups()
        if "email" in self.fields:
            self.fields["email"].required = True
        if self.instance.pk:
            self.initial["roles"] = list(self.instance.groups.filter(pk__in=role_groups()))


class OwnAccountForm(StaffAccountForm):
    """One's own account: name only (nobody gives themselves a role)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["roles"]


def send_password_reset(request, user) -> None:
    """E-mail `user` a link to choose their own password (Django's password-reset e-mail)."""
    site = get_current_site(request)
    context = {
        "email": user.email,
        "domain": site.domain,
        "site_name": site.name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
    }
    PasswordResetForm().send_mail(
        "registration/password_reset_subject.txt",
        "registration/password_reset_email.html",
        context,
        None,
        user.email,
    )


class StaffUserAdmin(UserAdmin):
    actions = ["send_reset_links"]

    def _limited(self, request) -> bool:
        return not request.user.is_superuser

    # Who may open these pages at all: the auth permissions the policy gives users.manage.
    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may_touch(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_touch(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # accounts are deactivated, not deleted

    def _may_touch(self, request, obj) -> bool:
        return obj is None or request.user.is_superuser or not obj.is_superuser

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.filter(is_superuser=False) if self._limited(request) else queryset

    def get_form(self, request, obj=None, **kwargs):
        if not self._limited(request):
            return super().get_form(request, obj, **kwargs)
        own = obj is not None and obj.pk == request.user.pk
        kwargs["form"] = OwnAccountForm if own else StaffAccountForm
        kwargs["fields"] = None
        return admin.ModelAdmin.get_form(self, request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if not self._limited(request):
            return super().get_fieldsets(request, obj)
        own = obj is not None and obj.pk == request.user.pk
        roles = "role_names" if own else "roles"
        return [(None, {"fields": ("username", "last_name", "first_name", "email", roles, "is_active")})]

    def get_readonly_fields(self, request, obj=None):
        if not self._limited(request) or obj is None:
            return super().get_readonly_fields(request, obj)
        # An e-mail address is where the reset link goes: changing it is the operator's work.
        fixed = ["email"]
        if obj.pk == request.user.pk:
            fixed += ["role_names", "is_active"]  # nobody gives themselves a role
        return fixed

    @admin.display(description=gettext_lazy("役割"))
    def role_names(self, obj):
        return "、".join(obj.groups.filter(pk__in=role_groups()).values_list("name", flat=True)) or "—"

    def get_list_filter(self, request):
        return ("is_active", "groups") if self._limited(request) else super().get_list_filter(request)

    def save_model(self, request, obj, form, change):
        if not self._limited(request):
            return super().save_model(request, obj, form, change)
        if not change:
            obj.set_unusable_password()
            obj.is_superuser = False
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not self._limited(request):
            return super().save_related(request, form, formsets, change)
        user = form.instance
        if "roles" in form.cleaned_data:
            others = user.groups.exclude(pk__in=role_groups())
            user.groups.set([*others, *form.cleaned_data["roles"]])
        user.is_staff = user.groups.filter(pk__in=role_groups()).exists()
        user.save(update_fields=["is_staff"])
        if not change and user.email:
            send_password_reset(request, user)
            self.message_user(
                request,
                _("%(email)s にパスワード設定用のリンクを送りました。") % {"email": user.email},
                messages.SUCCESS,
            )

    def user_change_password(self, request, id, form_url=""):
        if self._limited(request):
            raise PermissionDenied  # a reset link is sent instead (the action on the list)
        return super().user_change_password(request, id, form_url)

    @admin.action(description=gettext_lazy("パスワード設定用のリンクをメールで送る"), permissions=["change"])
    def send_reset_links(self, request, queryset):
        sent = 0
        for user in queryset.filter(is_active=True).exclude(email=""):
            if self._may_touch(request, user):
                send_password_reset(request, user)
                sent += 1
        self.message_user(request, _("%(n)d人にリンクを送りました。") % {"n": sent}, messages.SUCCESS)


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
