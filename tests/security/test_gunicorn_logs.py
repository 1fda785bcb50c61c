"""Real gunicorn with the shipped config (config/gunicorn.py) and DEBUG off: after a family opens their
status page (with a query string, and its stylesheet fetched with the page as Referer), a wrong link
and a reply that is refused, neither the access log nor the app log holds a token, a query string
or a Referer."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inquiries.tokens import new_token

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_environment(var_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "TESTING"}}
    env.update(
        DEBUG="0", SECRET_KEY="s" * 60, VAR_DIR=str(var_dir), ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"https://127.0.0.1:{port}", GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1",
        DJANGO_SETTINGS_MODULE="config.settings", PYTHONUNBUFFERED="1",
    )  # fmt: skip
    return env


def manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    base = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{port}"}
    connection.request(method, path, body=body, headers={**base, **(headers or {})})
    response = connection.getresponse()
    content = response.read().decode(errors="replace")
    connection.close()
    return response, content


def wait_for(port, process, deadline=60.0):
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        assert process.poll() is None, "gunicorn stopped"
        try:
            if request(port, "GET", "/healthz")[0].status in (200, 503):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn did not answer")


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = production_environment(tmp_path, port)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")  # production serves the hashed names of a manifest
    token = new_token()
    manage(
        env, "shell", "-c",
        "from inquiries.tokens import hash_token; from tests.workflow.conftest import make_inquiry; "
        f"make_inquiry('awaiting_family', tracking_token_hash=hash_token({token!r}))",
    )  # fmt: skip
    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT, env=env, stdout=stdout, stderr=stderr,
        )  # fmt: skip
        try:
            wait_for(port, process)
            yield port, token, lambda: out.read_text() + err.read_text()
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_neither_log_holds_a_token_a_query_string_or_a_referer(gunicorn):
    port, token, logs = gunicorn
    status_url = f"https://127.0.0.1:{port}/inquiries/status/{token}/"
    page, html = request(port, "GET", f"/inquiries/status/{token}/?from=letter-query-secret")
    assert page.status == 200, logs() and page.getheader("Referrer-Policy") == "strict-origin"
    css = re.search(r'href="(/static/css/site[^"]*\.css)"', html).group(1)
    assert request(port, "GET", css, {"Referer": status_url})[0].status == 200
    assert request(port, "GET", f"/inquiries/status/{new_token()}/")[0].status == 404
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie")).group(1)
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    reply, _ = request(
        port, "POST", f"/inquiries/status/{token}/reply/",
        {
            "Cookie": f"csrftoken={cookie}", "Origin": f"https://127.0.0.1:{port}", "Referer": status_url,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        f"csrfmiddlewaretoken={form_token}&text=",
    )  # fmt: skip
    assert reply.status == 400
    time.sleep(0.5)  # the access log line is written after the response
    log = logs()
    assert '"GET /inquiries/status/[redacted]/ HTTP/1.1" 200' in log
    assert '"POST /inquiries/status/[redacted]/reply/ HTTP/1.1" 400' in log
    assert "WARNING django.request: Not Found: /inquiries/status/[redacted]/" in log
    assert "Bad Request: /inquiries/status/[redacted]/reply/" in log
    assert f'"GET {css} HTTP/1.1" 200' in log
    assert token not in log
    assert "query-secret" not in log and "https://127.0.0.1" not in log  # no query string, no Referer
