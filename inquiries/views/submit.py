"""Confirming and sending the inquiry, and the receipt that follows."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from inquiries import ratelimit
from inquiries.forms import ConfirmForm
from inquiries.forms.summary import documents_to_post, inquiry_fields, sent_documents, summary
from inquiries.models import Inquiry
from inquiries.services.submission import POSTAL_ADDRESS, submit_inquiry, tracking_url
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
    if ratelimit.count("submit", address) >= ratelimit.limit("FAMILY_SUBMIT_LIMIT", 10):
        return too_many(request, "submit")
    data = draft.merged()
    result = submit_inquiry(draft.id, inquiry_fields(data), list(draft.files.values()))
    if result.created:
        ratelimit.hit("submit", address)
    forget(request)
    remember_submitted(request, draft.id, result.inquiry.pk)
    request.session["inquiry_receipt_data"] = {"steps": draft.steps, "files": draft.files}
    response = redirect("inquiries:receipt")
    if result.token:
        response.set_signed_cookie(
            TOKEN_COOKIE,
            result.token,
            salt=TOKEN_SALT,
            max_age=60 * 60,
            path=reverse("inquiries:receipt"),
            httponly=True,
            secure=request.is_secure(),
            samesite="Lax",
        )
    return response


def receipt(request):
    done = request.session.get(SUBMITTED_KEY)
    if not done:
        return expired(request)
    inquiry = get_object_or_404(Inquiry, pk=done["inquiry"])
    token = request.get_signed_cookie(TOKEN_COOKIE, default=None, salt=TOKEN_SALT, max_age=60 * 60)
    link = tracking_url(token) if token and hash_token(token) == inquiry.tracking_token_hash else None
    saved = request.session.get("inquiry_receipt_data") or {}
    draft = Draft(done["key"], saved.get("steps", {}), saved.get("files", {}))
    data = draft.merged()
    context = {
        "inquiry": inquiry,
        "tracking_link": link,
        "sections": summary(data),
        "sent_documents": sent_documents(draft.files),
        "to_post": documents_to_post(data, draft.files),
        "postal_address": POSTAL_ADDRESS,
        "email": data.get("email"),
    }
    return render(request, "inquiries/receipt.html", context)
