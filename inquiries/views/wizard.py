"""The inquiry form, one topic per page, kept in the session until the family confirms it."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from inquiries.forms import DocumentsForm, install_size_limit
from inquiries.forms.documents import request_too_large
from inquiries.forms.steps import DATA_STEPS, STEP_SLUGS, STEPS

from .common import expired, progress, too_large
from .draft import Draft

FORMS = {slug: form for slug, _title, form in STEPS if form}


def start(request):
    """The first page: continue the draft in this session, or start one."""
    if Draft.load(request) is None:
        Draft.start(request)
    return redirect("inquiries:step", slug="applicant")


@require_http_methods(["POST"])
def restart(request):
    draft = Draft.load(request)
    if draft:
        for kind in list(draft.files):
            draft.drop_file(kind)
    Draft.start(request)
    return redirect("inquiries:step", slug="applicant")


def next_url(request, slug: str) -> str:
    if request.POST.get("return") == "confirm":
        return reverse("inquiries:confirm")
    following = STEP_SLUGS[STEP_SLUGS.index(slug) + 1]
    if following == "confirm":
        return reverse("inquiries:confirm")
    return reverse("inquiries:step", kwargs={"slug": following})


def _draft_for(request, slug: str) -> Draft | None:
    draft = Draft.load(request)
    if request.method == "POST":
        if draft is None or request.POST.get("draft") != draft.id:
            return None
    elif draft is None and slug == "applicant":
        draft = Draft.start(request)
    return draft


def _page(request, slug: str, draft: Draft, form, **extra):
    index = STEP_SLUGS.index(slug)
    previous = STEP_SLUGS[index - 1] if index else None
    context = {
        "form": form,
        "draft": draft,
        "slug": slug,
        "progress": progress(slug),
        "previous_url": reverse("inquiries:step", kwargs={"slug": previous}) if previous else None,
        "return_to": request.GET.get("return") or request.POST.get("return", ""),
        **extra,
    }
    return render(request, f"inquiries/step_{slug}.html", context, status=400 if form.is_bound else 200)


def step(request, slug: str):
    if slug not in FORMS:
        raise Http404
    draft = _draft_for(request, slug)
    if draft is None:
        return expired(request)
    form_class = FORMS[slug]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            draft.steps[slug] = form.cleaned_data
            draft.save(request)
            return redirect(next_url(request, slug))
    else:
        form = form_class(initial=draft.steps.get(slug))
    return _page(request, slug, draft, form)


@csrf_exempt
def documents(request):
    """Uploads: the size check must be installed before CSRF reads the body, so CSRF is checked below."""
    if request.method == "POST" and request_too_large(request):
        return too_large(request)
    limit = install_size_limit(request) if request.method == "POST" else None
    return _documents(request, limit)


@csrf_protect
def _documents(request, limit):
    draft = _draft_for(request, "documents")
    if draft is None:
        return expired(request)
    is_proxy = bool(draft.steps.get("applicant", {}).get("is_proxy"))
    if request.method == "POST":
        for kind in list(draft.files):
            if request.POST.get(f"remove_{kind}"):
                draft.drop_file(kind)
        form = DocumentsForm(request.POST, request.FILES, too_big=limit.too_big, kept=draft.files)
        valid = form.is_valid()
        for kind in ("identity", "koseki", "proxy_letter"):  # keep the good files even if another failed
            upload = form.cleaned_data.get(kind)
            if upload and kind not in form.errors:
                draft.keep_file(kind, upload, upload.content_type_sniffed)
        if valid:
            draft.steps["documents"] = {}
            draft.save(request)
            return redirect(next_url(request, "documents"))
        draft.save(request)
    else:
        form = DocumentsForm()
    rows = [
        (form[kind], draft.files.get(kind, {}).get("original_name"))
        for kind in ("identity", "koseki", "proxy_letter")
    ]
    return _page(request, "documents", draft, form, is_proxy=is_proxy, rows=rows)


def first_missing_step(draft: Draft) -> str | None:
    for slug in DATA_STEPS + ["documents"]:
        if slug not in draft.steps:
            return slug
    return None
