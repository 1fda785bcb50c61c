"""Real parts for notification tests: a private redis-server, an aiosmtpd server, Celery workers.

The private redis-server (not the shared one) is the one tests stop, freeze and restart. The test
process's Celery app is pointed at it for the duration of a test.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import require, worker_environment


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class RedisServer:
    def __init__(self, workdir):
        self.exe = shutil.which("redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.process = None
        self.frozen = False

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.exe, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if not wait_for(self.answers, 10):
            raise RuntimeError("redis-server did not start")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        self.thaw()
        self.process.kill()
        self.process.wait()

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        if self.frozen:
            os.kill(self.process.pid, signal.SIGCONT)
            self.frozen = False


def point_celery_at(url: str) -> str:
    """Make the test process publish to `url`; returns the previous broker URL."""
    from config.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    return previous


@pytest.fixture
def own_redis(redis_url, tmp_path):
    require("redis-server", bool(shutil.which("redis-server")))
    server = RedisServer(tmp_path)
    server.start()
    previous = point_celery_at(server.url)
    yield server
    point_celery_at(previous)
    from config.celery import app

    app.conf.task_always_eager = not redis_url
    if server.process.poll() is None:
        server.stop()


class Recorder:
    """An SMTP server's mailbox; `replies` are answers to give to the next DATA commands instead of 250."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list = []
        self.replies: list[str] = []
        self.attempts: list[tuple[float, str]] = []
        self.peers: set = set()  # one (host, port) per client connection that sent DATA
        self.delay = 0.0  # seconds each message takes to accept, as a busy relay's would

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.peers.add(session.peer)
            reply = self.replies.pop(0) if self.replies else "250 OK"
            self.attempts.append((time.monotonic(), reply))
        if not reply.startswith("250"):
            return reply
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return reply

    def message_ids(self) -> list[str]:
        with self.lock:
            return [str(m["Message-ID"]).strip() for m in self.messages]


@pytest.fixture
def smtp_server():
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    recorder.port = controller.port
    yield recorder
    controller.stop()


# Short periods so the failure tests run in seconds; all still below the visibility timeout.
FAST = {
    "CELERY_VISIBILITY_TIMEOUT": "10",
    "NOTIFY_SWEEP_SECONDS": "2",
    "NOTIFY_LEASE_SECONDS": "5",
    "NOTIFY_RETRY_BASE_SECONDS": "1",
    "NOTIFY_RETRY_MAX_SECONDS": "4",
    "EMAIL_TIMEOUT": "3",
}


class Worker:
    """A prefork Celery worker as a child process, and a beat process for the sweeper."""

    def __init__(self, env: dict, tmp_path, concurrency: int = 2, beat: bool = True):
        self.env, self.tmp_path, self.concurrency, self.beat = env, tmp_path, concurrency, beat
        self.process = None
        self.beat_process = None
        self.starts = 0

    def start(self) -> None:
        from config.celery import app

        self.starts += 1
        self.name = f"notify-{uuid.uuid4().hex[:8]}@localhost"
        self.log = self.tmp_path / f"worker-{self.starts}.log"
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork",
                   f"--concurrency={self.concurrency}", "--loglevel=INFO", "--without-gossip",
                   "--without-mingle", "--without-heartbeat", "-n", self.name]  # fmt: skip
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(command, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        if self.beat and self.beat_process is None:  # beat (the sweeper's clock) lives on across restarts
            beat = [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO",
                    "-s", str(self.tmp_path / "beat-schedule")]  # fmt: skip
            with open(self.tmp_path / "beat.log", "wb") as out:
                self.beat_process = subprocess.Popen(beat, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        if not wait_for(
            lambda: self.process.poll() is not None or app.control.ping([self.name], timeout=0.5), 60
        ):
            self.process.kill()
            pytest.fail(f"the Celery worker did not come up:\n{self.log.read_text()}")
        if self.process.poll() is not None:
            pytest.fail(f"the Celery worker exited early:\n{self.log.read_text()}")

    def children(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in out.split()]

    def kill_main(self) -> None:
        children = self.children()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        # Pool children notice their parent is gone; end any that linger, as a machine's death would.
        if not wait_for(lambda: not any(os.path.exists(f"/proc/{pid}") for pid in children), 5):
            for pid in children:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def stop(self) -> None:
        for process in (self.process, self.beat_process):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def start_worker(own_redis, smtp_server, transactional_db, tmp_path):
    """start_worker(**env) → a running Worker on the private Redis, sending to the test SMTP server."""
    workers = []

    def start(concurrency: int = 2, beat: bool = True, **env) -> Worker:
        environment = worker_environment(own_redis.url)
        environment.update(FAST, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_server.port))
        environment.update({k: str(v) for k, v in env.items()})
        worker = Worker(environment, tmp_path, concurrency, beat)
        worker.start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
