"""Error views: a refusal inside the staff admin is shown as an admin page that says what to do."""

from __future__ import annotations

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import defaults


def permission_denied(request, exception=None):
    """403: staff inside the admin see the admin's page; everyone else the family-facing one."""
    user = getattr(request, "user", None)
    inside_admin = request.path.startswith(reverse("admin:index"))
    if inside_admin and user is not None and user.is_active and user.is_staff:
        from inquiries.roles import BY_GROUP

        roles = [
            BY_GROUP[name].label for name in user.groups.values_list("name", flat=True) if name in BY_GROUP
        ]
        context = {**admin.site.each_context(request), "title": "", "roles": roles}
        response = TemplateResponse(request, "admin/403.html", context, status=403)
        return response.render()
    return defaults.permission_denied(request, exception)
