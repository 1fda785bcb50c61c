"""Small pieces shared by the family views: the progress indicator and the polite refusal pages."""

from __future__ import annotations

from django.shortcuts import render

from inquiries.forms.steps import STEPS


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
    response = render(request, "inquiries/too_many.html", {"what": what}, status=429)
    response["Retry-After"] = "3600"
    return response


def expired(request):
    return render(request, "inquiries/expired.html", status=200)
