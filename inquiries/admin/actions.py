"""Bulk actions on the queue. Each goes through the services: all cases move, or none."""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inquiries.models import Inquiry, Status
from inquiries.services.workflow import TransitionNotAllowed, assign_many, legal_targets_for_all, move_many


@admin.action(description=gettext_lazy("自分の担当にする"))
def assign_to_me(modeladmin, request, queryset):
    cases = list(queryset)
    try:
        count = assign_many(cases, user=request.user, assignee=request.user)
    except TransitionNotAllowed as error:
        modeladmin.message_user(
            request, _("担当は変えていません: ") + " ".join(error.messages), messages.ERROR
        )
        return None
    modeladmin.message_user(request, _("%(n)d 件をあなたの担当にしました。") % {"n": count}, messages.SUCCESS)
    return None


@admin.action(description=gettext_lazy("状況を変更する…"))
def move_selected(modeladmin, request, queryset):
    cases = list(queryset.order_by("created_at"))
    targets = legal_targets_for_all(cases, request.user)
    if not targets:
        modeladmin.message_user(
            request,
            _("選んだ照会のすべてに共通して、あなたが行える状況の変更はありません。"),
            messages.WARNING,
        )
        return None
    error = ""
    if request.POST.get("apply"):
        to_status = request.POST.get("to_status", "")
        note = request.POST.get("note", "")
        duplicate_of = Inquiry.objects.filter(reference=request.POST.get("duplicate_of", "").strip()).first()
        try:
            count = move_many(cases, to_status, user=request.user, note=note, duplicate_of=duplicate_of)
        except TransitionNotAllowed as refused:
            error = _("どの照会も変更していません。") + " " + " ".join(refused.messages)
        else:
            label = Status(to_status).label
            modeladmin.message_user(
                request,
                _("%(n)d 件を「%(status)s」にしました。") % {"n": count, "status": label},
                messages.SUCCESS,
            )
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("状況の変更"),
        "opts": modeladmin.model._meta,
        "cases": cases,
        "targets": [(s, Status(s).label) for s in targets],
        "needs_duplicate_of": Status.DUPLICATE in targets,
        "error": error,
        "note": request.POST.get("note", ""),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/inquiries/inquiry/move_selected.html", context)
