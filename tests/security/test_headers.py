"""The header and cookie matrix with production's security settings (DEBUG off): family pages, status
pages and admin pages as the demo roles each carry the Content-Security-Policy, Permissions-Policy,
nosniff, frame denial, the right Referrer-Policy and, where personal data is shown, no-store; every
cookie is Secure, and HttpOnly where no script needs it."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from devdata.management.commands.load_demo_data import Command as LoadDemoData
from inquiries.models import Status
from inquiries.roles import sync_role_groups
from inquiries.tokens import hash_token, new_token
from tests import test_family_support
from tests.security.production import production_security_settings
from tests.test_family_support import confirm, fill_to_confirm
from tests.workflow.conftest import make_candidate, make_inquiry, make_record

pytestmark = pytest.mark.django_db
family = test_family_support.family

REQUIRED_CSP = {
    "default-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}
DENIED = ("camera", "microphone", "geolocation", "payment", "usb")


@pytest.fixture
def production():
    with override_settings(**production_security_settings()):
        yield


class Recorder(Client):
    """A client over HTTPS (through the proxy header production trusts) that keeps every response."""

    def __init__(self):
        super().__init__(HTTP_X_FORWARDED_PROTO="https")
        self.responses = []

    def request(self, **request):
        response = super().request(**request)
        self.responses.append((request["PATH_INFO"], response))
        return response


def policy(response) -> dict[str, set[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def check(path: str, response, *, personal: bool, referrer: str) -> None:
    where = f"{path} ({response.status_code})"
    directives = policy(response)
    for name, values in REQUIRED_CSP.items():
        assert directives.get(name) == values, f"{where}: {name} is {directives.get(name)}"
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives.get(name, set()), where
        assert "'unsafe-eval'" not in directives.get(name, set()), where
    features = response["Permissions-Policy"]
    assert all(f"{feature}=()" in features for feature in DENIED), where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["X-Frame-Options"] == "DENY", where
    assert response["Referrer-Policy"] == referrer, where
    assert response["Strict-Transport-Security"].startswith("max-age=31536000"), where
    cache = response.get("Cache-Control", "")
    assert ("no-store" in cache) == personal or (personal is False and path.startswith("/admin/")), (
        f"{where}: Cache-Control {cache!r}"
    )
    for name, morsel in response.cookies.items():
        assert morsel["secure"], f"{where}: cookie {name} is not Secure"
        assert morsel["samesite"] == "Lax", f"{where}: cookie {name} SameSite={morsel['samesite']!r}"
        assert morsel["httponly"] or name == "csrftoken", f"{where}: cookie {name} is not HttpOnly"
        assert name != "messages", f"{where}: messages travel in a cookie"


def test_it_sends_the_headers_on_every_family_page(production, family):
    client = Recorder()
    key = fill_to_confirm(client)
    for page in ("applicant", "relative", "internment", "documents", "contact", "confirm"):
        assert client.get(f"/inquiries/new/{page}/").status_code == 200, page
    assert confirm(client, key).status_code == 302
    assert client.get("/inquiries/new/receipt/").status_code == 200
    client.post("/i18n/setlang/", {"language": "en", "next": "/inquiries/new/"})
    family_pages = [(p, r) for p, r in client.responses if p.startswith("/inquiries/")]
    assert len(family_pages) == 14
    for path, response in family_pages:
        check(path, response, personal=True, referrer="same-origin")
    cookies = {name for _, response in client.responses for name in response.cookies}
    assert {"sessionid", "csrftoken", "django_language"} <= cookies
    for path, response in client.responses:
        for morsel in response.cookies.values():
            assert morsel["secure"] and morsel["samesite"] == "Lax", path
    home = client.get("/")
    check("/", home, personal=False, referrer="same-origin")


def test_it_keeps_the_status_pages_out_of_caches_and_referers(production, family):
    token = new_token()
    make_inquiry(Status.AWAITING_FAMILY, tracking_token_hash=hash_token(token))
    client = Recorder()
    pages = [
        (f"/inquiries/status/{token}/", client.get(f"/inquiries/status/{token}/"), 200),
        (f"/inquiries/status/{token}/reply/", client.post(f"/inquiries/status/{token}/reply/", {}), 400),
        ("/inquiries/status/wrong-token/", client.get(f"/inquiries/status/{new_token()}/"), 404),
    ]
    for path, response, status in pages:
        assert response.status_code == status, path
        check(path, response, personal=True, referrer="strict-origin")


@pytest.mark.parametrize(
    "username, pages",
    [
        ("intake", ["", "inquiries/inquiry/", "inquiries/inquiry/{case}/change/", "inquiries/notification/"]),
        (
            "matcher",
            ["inquiries/candidatematch/", "inquiries/inquiry/{case}/change/", "archive/archiverecord/"],
        ),
        ("manager", ["audit/auditentry/", "auth/user/", "archive/importbatch/"]),
    ],
)
def test_it_sends_the_headers_on_the_admin_pages_of_each_demo_role(production, username, pages):
    sync_role_groups()
    LoadDemoData().create_demo_users()
    case = make_inquiry(Status.SEARCHING)
    make_candidate(case, record=make_record())
    client = Recorder()
    login = client.get("/admin/login/")
    check("/admin/login/", login, personal=False, referrer="same-origin")
    client.force_login(get_user_model().objects.get(username=username))
    for page in pages:
        path = "/admin/" + page.format(case=case.pk)
        response = client.get(path)
        assert response.status_code == 200, path
        check(path, response, personal=True, referrer="same-origin")


def test_the_error_page_style_is_allowed_by_its_hash(production):
    client = Client(raise_request_exception=False, HTTP_X_FORWARDED_PROTO="https")
    with override_settings(ROOT_URLCONF="tests.security.urls"):
        response = client.get("/test-only/fail/")
    assert response.status_code == 500
    style = re.search(r"'sha256-[^']+'", response["Content-Security-Policy"].split("style-src")[1])
    assert style is not None
    inline = re.search(r"<style>(.*?)</style>", response.content.decode(), re.S).group(1)
    assert style.group(0) == f"'sha256-{base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()}'"


def test_a_refused_form_is_explained_on_a_page_of_the_site_that_keeps_the_policy(production):
    client = Client(enforce_csrf_checks=True, HTTP_X_FORWARDED_PROTO="https")
    response = client.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    html = response.content.decode()
    assert (
        "送信を受け付けられませんでした" in html and "<style" not in html
    )  # not Django's page with inline CSS
    check("/i18n/setlang/", response, personal=False, referrer="same-origin")
