"""Small pieces shared by the family views: the progress indicator and the polite refusal pages."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from inquiries.forms.steps import STEPS

DAY = 24 * 60 * 60


def progress(current: str) -> dict:
    slugs = [slug for slug, _title, _form in STEPS]
    index = slugs.index(current)
    return {
        "steps": [
            {
                "slug": slug,
                "title": title,
                "number": i + 1,
                "state": "done" if i < index else "current" if i == index else "todo",
            }
            for i, (slug, title, _form) in enumerate(STEPS)
        ],
        "number": index + 1,
        "total": len(STEPS),
        "title": STEPS[index][1],
    }


def too_many(request, what: str):
    """429 for too many inquiries or wrong links from one address ("submit", "tracking"), or replies."""
    wait = DAY if what == "reply" else settings.FAMILY_LIMIT_WINDOW_SECONDS
    context = {"what": what, "minutes": max(1, wait // 60)}
    response = render(request, "inquiries/too_many.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


def too_large(request):
    """413 for a request body over FAMILY_REQUEST_MAX_BYTES, answered before any of it is read."""
    context = {
        "request_mb": settings.FAMILY_REQUEST_MAX_BYTES // (1024 * 1024),
        "draft_mb": settings.FAMILY_DRAFT_UPLOAD_LIMIT // (1024 * 1024),
    }
    return render(request, "inquiries/too_large.html", context, status=413)


def expired(request):
    return render(request, "inquiries/expired.html", status=200)
