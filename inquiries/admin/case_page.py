"""The case page: read-only facts, then panels with every staff verb as a POST form.

Each POST view is thin: it reads the form, calls one service and redirects back with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import trail
from audit.models import AuditEntry
from inquiries import facts, policy
from inquiries.admin.facts_form import FactsForm
from inquiries.admin.panels import case_context
from inquiries.models import CandidateMatch, Document, Inquiry
from inquiries.models.documents import proven_name
from inquiries.services import candidates as decide
from inquiries.services import workflow as verbs
from inquiries.services.facts import correct_facts, correctable_by, may_correct

SHOWN_AS = {"birthplace": "birthplace_display"}  # the prefecture's code shown as its name


def _shown(line):
    return (
        tuple(SHOWN_AS.get(name, name) for name in line)
        if isinstance(line, tuple)
        else SHOWN_AS.get(line, line)
    )


FACT_FIELDSETS = [
    (
        gettext_lazy("照会"),
        {"fields": ("reference", "status", "channel", "created_at", "moved_at", "assignee", "duplicate_of")},
    ),
    *((group.title, {"fields": tuple(_shown(line) for line in group.lines)}) for group in facts.GROUPS),
]
FACT_FIELDS = [
    name
    for _title, options in FACT_FIELDSETS
    for item in options["fields"]
    for name in (item if isinstance(item, tuple) else (item,))
]


def fact_fieldsets(user) -> list:
    """The case page's fact groups this user may see (inquiries.policy: the contact details)."""
    if policy.may(user, "case.contact"):
        return FACT_FIELDSETS
    return [(title, options) for title, options in FACT_FIELDSETS if title != facts.CONTACT.title]


def fact_fields(user) -> list[str]:
    shown = {
        name
        for _title, options in fact_fieldsets(user)
        for item in options["fields"]
        for name in (item if isinstance(item, tuple) else (item,))
    }
    return [name for name in FACT_FIELDS if name in shown]


def tracking_message(submission) -> str:
    from inquiries.services.submission import tracking_url

    return _(
        "受付番号 %(ref)s で登録しました。ご家族へ郵送する状況確認用リンク（この画面でのみ表示）: %(url)s"
    ) % {
        "ref": submission.inquiry.reference,
        "url": tracking_url(submission.token),
    }


class CasePageMixin:
    change_form_template = "admin/inquiries/inquiry/change_form.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/move/", wrap(self.move_view), name="inquiries_inquiry_move"),
            path("<int:pk>/assign/", wrap(self.assign_view), name="inquiries_inquiry_assign"),
            path("<int:pk>/ask/", wrap(self.ask_view), name="inquiries_inquiry_ask"),
            path("<int:pk>/note/", wrap(self.note_view), name="inquiries_inquiry_note"),
            path("<int:pk>/link/", wrap(self.link_view), name="inquiries_inquiry_link"),
            path("<int:pk>/facts/", wrap(self.facts_view), name="inquiries_inquiry_facts"),
            path(
                "candidate/<int:pk>/<str:verb>/", wrap(self.candidate_view), name="inquiries_candidate_decide"
            ),
            path("document/<int:pk>/", wrap(self.document_view), name="inquiries_document"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        inquiry = self.get_object(request, object_id)
        shown = inquiry is not None and self.has_view_permission(request, inquiry)
        if shown:
            extra_context = {**(extra_context or {}), **case_context(request, inquiry)}
        response = super().change_view(request, object_id, form_url, extra_context)
        if shown and request.method == "GET" and response.status_code == 200:  # one row per page shown
            trail.record_access(inquiry, AuditEntry.Action.VIEWED, request.user, page="case")
        return response

    # POST verbs.
    def _case(self, request, pk) -> Inquiry:
        inquiry = get_object_or_404(Inquiry, pk=pk)
        if not self.has_view_permission(request, inquiry):
            raise PermissionDenied
        return inquiry

    def _back(self, request, inquiry, call, done: str):
        try:
            result = call()
        except verbs.TransitionNotAllowed as refused:
            self.message_user(request, " ".join(refused.messages), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
            for warning in result if isinstance(result, list) else []:
                self.message_user(request, warning, messages.WARNING)
        return HttpResponseRedirect(reverse("admin:inquiries_inquiry_change", args=[inquiry.pk]))

    @staticmethod
    def _note(request) -> str:
        return request.POST.get("note", "")

    @staticmethod
    def _inquiry_by_reference(request, field: str):
        return Inquiry.objects.filter(reference=request.POST.get(field, "").strip()).first()

    def move_view(self, request, pk):
        if request.method != "POST":
            raise PermissionDenied
        inquiry = self._case(request, pk)
        target = request.POST.get("to_status", "")
        other = self._inquiry_by_reference(request, "duplicate_of")
        return self._back(
            request,
            inquiry,
            lambda: verbs.move(
                inquiry, target, user=request.user, note=self._note(request), duplicate_of=other
            ),
            _("状況を変更しました。"),
        )

    def assign_view(self, request, pk):
        if request.method != "POST":
            raise PermissionDenied
        inquiry = self._case(request, pk)
        assignee = None if request.POST.get("unassign") else request.user
        call = lambda: verbs.assign(inquiry, user=request.user, assignee=assignee)  # noqa: E731
        return self._back(request, inquiry, call, _("担当を変更しました。"))

    def ask_view(self, request, pk):
        if request.method != "POST":
            raise PermissionDenied
        inquiry = self._case(request, pk)
        call = lambda: verbs.ask_family(inquiry, user=request.user, text=request.POST.get("text", ""))  # noqa: E731
        return self._back(request, inquiry, call, _("ご家族へのお願いを送り、回答待ちにしました。"))

    def note_view(self, request, pk):
        if request.method != "POST":
            raise PermissionDenied
        inquiry = self._case(request, pk)
        call = lambda: verbs.add_internal_note(inquiry, user=request.user, text=request.POST.get("text", ""))  # noqa: E731
        return self._back(request, inquiry, call, _("内部メモを残しました。"))

    def link_view(self, request, pk):
        if request.method != "POST":
            raise PermissionDenied
        inquiry = self._case(request, pk)
        other = self._inquiry_by_reference(request, "reference")
        if other is None:
            self.message_user(request, _("その受付番号の照会は見つかりません。"), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:inquiries_inquiry_change", args=[inquiry.pk]))
        call = lambda: verbs.link_related(inquiry, other, user=request.user)  # noqa: E731
        return self._back(request, inquiry, call, _("同一人物に関する照会として関連付けました。"))

    def facts_view(self, request, pk):
        """Correct the case's facts (GET: the form; POST: the correction, with its reason)."""
        inquiry = self._case(request, pk)
        if not may_correct(request.user):
            raise PermissionDenied
        form = FactsForm(
            request.POST if request.method == "POST" else None,
            instance=inquiry,
            allowed=correctable_by(request.user),
        )
        if request.method == "POST" and form.is_valid():
            values = {name: form.cleaned_data[name] for name in form.facts}
            try:
                changed = correct_facts(
                    inquiry, values, user=request.user, reason=form.cleaned_data["reason"]
                )
            except verbs.TransitionNotAllowed as refused:
                form.add_error(None, refused)
            else:
                done = _("照会の内容を訂正しました（%(fields)s）。") % {"fields": _("、").join(changed)}
                self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:inquiries_inquiry_change", args=[inquiry.pk]))
        if request.method == "GET":  # the form shows the facts: a view of the case
            trail.record_access(inquiry, AuditEntry.Action.VIEWED, request.user, page="facts")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "case": inquiry,
            "form": form,
            "title": _("照会の内容を訂正する"),
        }
        return TemplateResponse(
            request, "admin/inquiries/inquiry/facts_form.html", context, status=400 if form.errors else 200
        )

    def candidate_view(self, request, pk, verb):
        if request.method != "POST" or verb not in ("propose", "verify", "reject", "hold"):
            raise PermissionDenied
        candidate = get_object_or_404(CandidateMatch.objects.select_related("inquiry"), pk=pk)
        inquiry = self._case(request, candidate.inquiry_id)
        note = self._note(request)
        if verb == "verify":
            evidence = request.POST.getlist("evidence")
            call = lambda: decide.verify(candidate, user=request.user, note=note, evidence=evidence)  # noqa: E731
        else:
            call = lambda: getattr(decide, verb)(candidate, user=request.user, note=note)  # noqa: E731
        done = {
            "propose": _("照合案として確認者に回しました。"),
            "verify": _("本人と確認しました（特定済み）。"),
            "reject": _("候補を却下しました。"),
            "hold": _("候補を保留にしました。"),
        }[verb]
        return self._back(request, inquiry, call, done)

    def document_view(self, request, pk):
        """A family's document, only for staff who may see documents; always as a download."""
        if not policy.may(request.user, "case.documents"):
            raise PermissionDenied
        document = get_object_or_404(Document, pk=pk)
        handle = document.file.open("rb")
        trail.record_access(
            document.inquiry, AuditEntry.Action.DOWNLOADED, request.user, document=document.pk
        )
        return FileResponse(
            handle,
            as_attachment=True,
            filename=proven_name(document.original_name, document.content_type),  # poly.html (PDF) -> .pdf
            content_type=document.content_type,
        )
