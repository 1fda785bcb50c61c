"""Confirming and sending the inquiry, and the receipt that follows."""

from __future__ import annotations

import time

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from inquiries import ratelimit
from inquiries.forms import ConfirmForm
from inquiries.forms.summary import documents_to_post, inquiry_fields, sent_documents, summary
from inquiries.models import Inquiry
from inquiries.services.submission import INQUIRY_FIELDS, POSTAL_ADDRESS, submit_inquiry, tracking_url
from inquiries.tokens import hash_token

from .common import expired, progress, too_many
from .draft import SUBMITTED_KEY, Draft, forget, remember_submitted
from .wizard import first_missing_step

# The raw tracking token waits for the receipt page in a signed cookie in the family's own browser,
# never in the session table or anywhere else in the database.
TOKEN_COOKIE = "inquiry_tracking"
TOKEN_SALT = "inquiries.receipt"


def confirm(request):
    if request.method == "POST":
        return _submit(request)
    draft = Draft.load(request)
    if draft is None:
        return expired(request)
    missing = first_missing_step(draft)
    if missing:
        return redirect("inquiries:step", slug=missing)
    form = ConfirmForm(initial={"submission_key": draft.id})
    return _page(request, draft, form)


def _page(request, draft, form, status=200):
    data = draft.merged()
    context = {
        "form": form,
        "draft": draft,
        "progress": progress("confirm"),
        "sections": summary(data),
        "kept": sent_documents(draft.files),
        "to_post": documents_to_post(data, draft.files),
        "previous_url": reverse("inquiries:step", kwargs={"slug": "contact"}),
    }
    return render(request, "inquiries/confirm.html", context, status=status)


def _submit(request):
    key = request.POST.get("submission_key", "")
    done = request.session.get(SUBMITTED_KEY) or {}
    if key and done.get("key") == key:  # the same form sent again: the same receipt
        return redirect("inquiries:receipt")
    draft = Draft.load(request)
    if draft is None or draft.id != key:
        return expired(request)
    form = ConfirmForm(request.POST)
    if request.POST.get("website"):  # only robots fill the hidden field
        return render(request, "inquiries/refused.html", status=400)
    if not form.is_valid():
        return _page(request, draft, form, status=400)
    if first_missing_step(draft):
        return redirect("inquiries:step", slug=first_missing_step(draft))
    address = ratelimit.client_address(request)
    if ratelimit.over("submit", address, settings.FAMILY_SUBMIT_LIMIT, settings.FAMILY_LIMIT_WINDOW_SECONDS):
        return too_many(request, "submit")
    data = draft.merged()
    result = submit_inquiry(draft.id, inquiry_fields(data), list(draft.files.values()))
    forget(request)  # the draft's data leaves the session; the receipt reads the inquiry itself
    remember_submitted(request, draft.id, result.inquiry.pk)
    response = redirect("inquiries:receipt")
    if result.token:
        response.set_signed_cookie(
            TOKEN_COOKIE,
            result.token,
            salt=TOKEN_SALT,
            max_age=settings.FAMILY_RECEIPT_SECONDS,
            path=reverse("inquiries:receipt"),
            httponly=True,
            secure=request.is_secure(),
            samesite="Lax",
        )
    return response


def receipt(request):
    """The receipt: shown in full only for FAMILY_RECEIPT_SECONDS after sending, from the inquiry."""
    done = request.session.get(SUBMITTED_KEY)
    if not done:
        return expired(request)
    if time.time() - done.get("at", 0) > settings.FAMILY_RECEIPT_SECONDS:
        return render(request, "inquiries/receipt_gone.html")
    inquiry = get_object_or_404(Inquiry, pk=done["inquiry"])
    token = request.get_signed_cookie(
        TOKEN_COOKIE, default=None, salt=TOKEN_SALT, max_age=settings.FAMILY_RECEIPT_SECONDS
    )
    link = tracking_url(token) if token and hash_token(token) == inquiry.tracking_token_hash else None
    data = as_entered(inquiry)
    documents = list(inquiry.documents.filter(message=None).order_by("pk"))
    context = {
        "inquiry": inquiry,
        "tracking_link": link,
        "sections": summary(data),
        "sent_documents": [(d.get_kind_display(), d.original_name) for d in documents],
        "to_post": documents_to_post(data, [d.kind for d in documents]),
        "postal_address": POSTAL_ADDRESS,
        "email": inquiry.email,
    }
    return render(request, "inquiries/receipt.html", context)


def as_entered(inquiry: Inquiry) -> dict:
    """The inquiry's facts in the shape of the form's answers, for the summary on the receipt."""
    data = {name: getattr(inquiry, name) for name in INQUIRY_FIELDS}
    for part in ("year", "month", "day"):
        data[f"birth_{part}_value"] = getattr(inquiry, f"birth_{part}")
    return data
