"""Values no page can use, refused with the 400 page (in the user's language) before a view sees them.

PostgreSQL cannot store, or even compare with, a string that holds NUL (U+0000): `?status=%00` on the
case list reached the admin's filter and the database driver, and answered 500. So:
- the path and the query string are refused when they hold NUL or another control character (tab
  aside): no link or form of this site puts one there;
- form fields (names and values) are refused when they hold NUL, the one character a text column
  cannot hold; other control characters pasted into a text box (a form feed, a vertical tab) are
  stored as typed.

Form bodies are read here as the CSRF check reads them (it runs first), except the uploads sent to
the two views exempt from it (the documents step and the family's reply): they must install their
size limit before the body is read, so they check CSRF and parse the body themselves, and their
forms refuse NUL (Django's CharField does) and pass no other value of the body to the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import SuspiciousOperation

IN_ADDRESS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # C0 controls but tab, and DEL
IN_FORM = re.compile(r"\x00")


class BadInput(SuspiciousOperation):
    """Answered 400 by Django and logged (without the value) to django.security.BadInput."""


def _holds(pattern: re.Pattern, pairs: Iterable[tuple[str, list[str]]]) -> bool:
    return any(pattern.search(key) or any(pattern.search(v) for v in values) for key, values in pairs)


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if IN_ADDRESS.search(request.path) or _holds(IN_ADDRESS, request.GET.lists()):
            raise BadInput("A control character in the address or the query string.")
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method != "POST":
            return None
        uploads_first = getattr(view, "csrf_exempt", False) and request.content_type == "multipart/form-data"
        if uploads_first and not hasattr(request, "_post"):
            return None  # an upload view parses its body itself, after installing its size limit
        if _holds(IN_FORM, request.POST.lists()):
            raise BadInput("NUL in a form field.")
        return None
