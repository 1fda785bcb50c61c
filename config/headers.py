"""Response headers the Django security middleware does not set.

- Permissions-Policy on every response: no page of this service uses a camera, a microphone, the
  visitor's location, payments or any other powerful feature, so all are denied to it and to frames.
- `Cache-Control: no-store` on every family page (the inquiries namespace: the form's steps, the
  confirmation, the receipt, the status page and its reply): each shows personal data that must not
  stay in a shared computer's cache or be shown again by the Back button after the session ends.
- `Referrer-Policy: strict-origin` where a tracking token is in the URL: a request from the page (its
  own stylesheets, a link followed, a form sent) carries at most "https://host/" as its Referer, never
  the path with the token. Not "no-referrer": under it Chromium sends `Origin: null` with every form
  the page posts, and Django's CSRF check then refuses the family's reply and the language switch.
  Elsewhere Django's SecurityMiddleware sends SECURE_REFERRER_POLICY ("same-origin").
"""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers

from config.logfilters import redact

DENIED_FEATURES = (
    "accelerometer", "autoplay", "bluetooth", "camera", "display-capture", "geolocation", "gyroscope",
    "hid", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
    "serial", "usb", "xr-spatial-tracking",
)  # fmt: skip
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)
PERSONAL_NAMESPACES = {"inquiries"}
TOKEN_PAGE_REFERRER_POLICY = "strict-origin"


def carries_token(path: str) -> bool:
    return redact(path) != path


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        match = getattr(request, "resolver_match", None)
        if match is not None and PERSONAL_NAMESPACES.intersection(match.namespaces):
            add_never_cache_headers(response)
        if carries_token(request.path):
            response.headers["Referrer-Policy"] = TOKEN_PAGE_REFERRER_POLICY
        return response
