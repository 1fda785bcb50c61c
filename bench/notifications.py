"""Notifications through 2 worker processes into a local SMTP server, beside a no-op task baseline.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_notify .venv/bin/python bench/notifications.py [N]

Starts its own redis-server (a free port), an aiosmtpd server and `celery worker --concurrency=2`;
writes N e-mail rows (default 10,000) straight into the outbox, publishes their ids, and prints
e-mails per second; then N no-op tasks (config.ping) for the broker and worker overhead alone.
The rows carry a real rendered receipt. The SMTP server runs in its own process and only counts
Message-IDs, so it is not what is measured; workers run with DEBUG off, as in production. Also
prints CPU milliseconds per message (worker and SMTP server), a figure that does not depend on
what else the machine is doing, unlike the rates.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")


def main(count: int) -> None:
    from tests.notifications.services import RedisServer, free_port, point_celery_at, wait_for

    print(f"load average (1, 5, 15 min) at the start: {os.getloadavg()}; {os.cpu_count()} cores")
    workdir = Path(tempfile.mkdtemp())
    redis = RedisServer(workdir)
    redis.start()
    os.environ["REDIS_URL"] = redis.url
    import django

    django.setup()
    from django.core.management import call_command

    from config.celery import app, ping
    from inquiries.models import Inquiry, Notification
    from inquiries.notifications import rendering
    from inquiries.notifications.sending import publish

    point_celery_at(redis.url)
    call_command("migrate", verbosity=0)
    smtp_port = free_port()
    smtp = subprocess.Popen(
        [sys.executable, __file__, "--smtp-server", str(smtp_port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert wait_for(lambda: port_open(smtp_port), 20)
    # Workers as in production: DEBUG off (no per-query logging), a throwaway secret key.
    env = dict(os.environ, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_port), LOG_LEVEL="WARNING", DEBUG="0")
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=2", "--loglevel=WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", "bench@localhost"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        assert wait_for(lambda: app.control.ping(["bench@localhost"], timeout=0.5), 60)
        tag = str(time.time_ns())
        inquiry = Inquiry.objects.create(
            reference=f"B{tag[-10:]}", submission_key=f"bench-{tag}", tracking_token_hash=f"bench-{tag}",
            applicant_surname="佐藤", applicant_given_name="花子", relationship="child", postal_code="950-0001",
            address="新潟県", phone="0", email="f@example.jp", preferred_contact="email", surname_kanji="佐藤",
            given_name_kanji="一郎",
        )  # fmt: skip
        subject, body = rendering.render(
            "received", "ja", **rendering.inquiry_context(inquiry)
        )  # a real receipt
        rows = [
            Notification(key=f"bench:{tag}:{i}", inquiry=inquiry, kind="received", channel="email",
                         recipient=f"family{i}@example.jp", subject=subject, body_text=body)
            for i in range(count)
        ]  # fmt: skip
        for row in rows:
            row.message_id = f"<bench.{tag}.{row.key.rsplit(':', 1)[1]}@example.jp>"
        ids = [n.pk for n in Notification.objects.bulk_create(rows, batch_size=1000)]
        cpu_before = cpu_seconds(worker.pid), cpu_seconds(smtp.pid)
        started = time.monotonic()
        for pk in ids:
            publish(pk)
        mine = Notification.objects.filter(key__startswith=f"bench:{tag}:", status="sent")  # not 10,000 ids
        wait_for(lambda: mine.count() == count, 3600, 0.5)
        mail_rate = count / (time.monotonic() - started)
        mail_cpu = [
            (after - before) / count * 1000
            for before, after in zip(
                cpu_before, (cpu_seconds(worker.pid), cpu_seconds(smtp.pid)), strict=True
            )
        ]
        received, distinct = map(int, smtp.communicate(b"", timeout=60)[0].split())
        cpu_before = cpu_seconds(worker.pid)
        started = time.monotonic()
        for _ in range(count):
            ping.apply_async(ignore_result=True)
        with redis_client(redis.url) as r:
            wait_for(lambda: r.llen("celery") == 0 and r.hlen("unacked") == 0, 3600, 0.2)
        noop_rate = count / (time.monotonic() - started)
        noop_cpu = (cpu_seconds(worker.pid) - cpu_before) / count * 1000
        print(
            f"notifications: {count} e-mails ({received} received, {distinct} distinct Message-IDs) at {mail_rate:.0f}/s"
        )
        print(f"no-op tasks:   {count} at {noop_rate:.0f}/s (same broker, same 2 worker processes)")
        print(
            f"CPU per e-mail: {mail_cpu[0]:.2f} ms in the worker (main + 2 children), {mail_cpu[1]:.2f} ms in the "
            f"SMTP server; per no-op task: {noop_cpu:.2f} ms in the worker"
        )
        print(
            f"ratio: {mail_rate / noop_rate:.2f}; load average (1, 5, 15 min) at the end: {os.getloadavg()}"
        )
    finally:
        worker.terminate()
        worker.wait(30)
        if smtp.poll() is None:
            smtp.kill()
        redis.stop()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (the worker's pool), from /proc."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    total = 0
    for p in [pid, *map(int, children)]:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / os.sysconf("SC_CLK_TCK")


def port_open(port: int) -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


def smtp_server(port: int) -> None:
    """An aiosmtpd server in its own process (not sharing a GIL with the publisher) that only keeps
    Message-IDs; prints "<received> <distinct>" when its stdin is closed."""
    import logging
    import re

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    pattern = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
    ids: list[bytes] = []

    class Counter:
        async def handle_DATA(self, server, session, envelope):
            found = pattern.search(envelope.content)
            ids.append(found.group(1) if found else b"")
            return "250 OK"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    sys.stdin.read()
    controller.stop()
    print(len(ids), len(set(ids)), flush=True)


class redis_client:
    def __init__(self, url):
        import redis

        self.client = redis.Redis.from_url(url)

    def __enter__(self):
        return self.client

    def __exit__(self, *exc):
        self.client.close()


if __name__ == "__main__" and sys.argv[1:2] == ["--smtp-server"]:
    smtp_server(int(sys.argv[2]))
elif __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
