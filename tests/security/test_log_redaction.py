"""Tracking tokens never reach the app's log: every handler LOGGING configures redacts them, in the
message, its arguments and a traceback, for Django's request logger and any other."""

from __future__ import annotations

import io
import logging

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import override_settings
from django.utils.log import log_response

from config.logfilters import REDACTED, RedactTokens, redact
from inquiries.models import Status
from inquiries.tokens import hash_token, new_token
from tests.workflow.conftest import make_inquiry


@pytest.fixture
def app_log():
    """What the configured handlers write, read back: each handler's stream swapped for a buffer."""
    buffer = io.StringIO()
    handlers = {h for name in ("", "django", "django.request") for h in logging.getLogger(name).handlers}
    streams = [(h, h.setStream(buffer)) for h in handlers if isinstance(h, logging.StreamHandler)]
    assert streams, "LOGGING configures no stream handler"
    yield buffer
    for handler, stream in streams:
        handler.setStream(stream)


def test_every_configured_handler_redacts():
    handlers = settings.LOGGING["handlers"]
    assert handlers and all("redact_tokens" in handler.get("filters", ()) for handler in handlers.values())
    assert settings.LOGGING["filters"]["redact_tokens"]["()"] == "config.logfilters.RedactTokens"
    live = [h for name in ("", "django", "django.server") for h in logging.getLogger(name).handlers]
    assert sum(any(isinstance(f, RedactTokens) for f in h.filters) for h in live) >= 3


@pytest.mark.parametrize(
    "path",
    [
        "/inquiries/status/{token}/",
        "/inquiries/status/{token}/reply/",
        "/en/inquiries/status/{token}/reply/",
        "next=%2Finquiries%2Fstatus%2F{token}%2F",
    ],
)
def test_it_redacts_a_token_wherever_it_sits_in_a_path(path):
    token = new_token()
    assert redact(path.format(token=token)) == path.format(token=REDACTED)


def test_it_keeps_other_paths_and_the_password_reset_step_of_its_own():
    for path in (
        "/inquiries/new/contact/",
        "/admin/inquiries/inquiry/12/change/",
        "/admin/reset/MQ/set-password/",
    ):
        assert redact(path) == path
    assert redact("/admin/reset/MQ/cf1xyz-0123456789abcdef/") == f"/admin/reset/MQ/{REDACTED}/"


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_django_request_log_lines_carry_no_token(client, app_log):
    token = new_token()
    make_inquiry(Status.AWAITING_FAMILY, tracking_token_hash=hash_token(token))
    assert client.post(f"/inquiries/status/{token}/reply/", {}).status_code == 400
    wrong = new_token()
    assert client.get(f"/inquiries/status/{wrong}/").status_code == 404
    request = client.get(f"/inquiries/status/{token}/").wsgi_request
    log_response(
        "%s: %s", "Too Many Requests", request.path, response=HttpResponse(status=429), request=request
    )
    log = app_log.getvalue()
    assert f"Bad Request: /inquiries/status/{REDACTED}/reply/" in log
    assert f"Not Found: /inquiries/status/{REDACTED}/" in log
    assert f"Too Many Requests: /inquiries/status/{REDACTED}/" in log
    assert token not in log and wrong not in log


def test_a_traceback_and_any_logger_carry_no_token(app_log):
    token = new_token()
    try:
        raise ValueError(f"could not answer /inquiries/status/{token}/")
    except ValueError:
        logging.getLogger("inquiries.anything").exception("failed on %s", f"/inquiries/status/{token}/reply/")
    log = app_log.getvalue()
    assert f"failed on /inquiries/status/{REDACTED}/reply/" in log
    assert f"ValueError: could not answer /inquiries/status/{REDACTED}/" in log
    assert token not in log
