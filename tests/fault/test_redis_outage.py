"""Fault test: a live gunicorn (3 workers, production settings, PostgreSQL + Redis) under steady load while
Redis disappears for a few seconds. Counts 5xx during and after the outage.

Redis is cut through a small TCP proxy owned by the test (stopping the shared Redis server would
disturb everything else using it). Skipped unless RUN_FAULT_TESTS=1 with PostgreSQL and REDIS_URL.
"""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.fault,
    # Declares the database so pytest-django creates the test database even when this module runs alone;
    # gunicorn's workers use that database, and the flush afterwards leaves it clean for the next test.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(os.environ.get("RUN_FAULT_TESTS") != "1", reason="fault tests run with RUN_FAULT_TESTS=1"),
]

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/healthz", "/readyz", "/recherche/?q=mus%C3%A9e", "/accounts/login/", "/certificats/verifier/"]
OUTAGE_SECONDS = 5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TcpProxy:
    """Forwards 127.0.0.1:<port> to Redis; ``cut()`` closes every connection and refuses new ones."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = _free_port()
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self.lock:
            if self.listener is not None:
                with contextlib.suppress(OSError):
                    self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
                self.listener.close()
                self.listener = None
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            return


@pytest.fixture
def live_gunicorn(django_db_setup, django_db_blocker, tmp_path):
    from wagtail.models import Page

    from tests.conftest import _MIGRATION_DATA

    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    with django_db_blocker.unblock():
        if not Page.objects.exists():  # a transactional test flushed the tables on this worker
            connection.creation.deserialize_db_from_string(_MIGRATION_DATA["default"])
    redis = urlsplit(os.environ["REDIS_URL"])
    proxy = TcpProxy((redis.hostname or "127.0.0.1", redis.port or 6379))
    proxy.start()
    database = connection.settings_dict
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "fault-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LUMIERE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": f"redis://127.0.0.1:{proxy.port}/{redis.path.lstrip('/') or '0'}",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "3"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield base, proxy
    finally:
        server.terminate()
        server.wait(timeout=20)
        proxy.cut()


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 599  # no answer at all counts as a server failure


def test_site_serves_every_page_while_redis_is_down(live_gunicorn):
    base, proxy = live_gunicorn
    phase = {"name": "before"}
    statuses: dict[str, Counter] = {"before": Counter(), "during": Counter(), "after": Counter()}
    stop = threading.Event()

    def load(worker: int) -> None:
        index = worker
        while not stop.is_set():
            status = _get(base + PAGES[index % len(PAGES)])
            statuses[phase["name"]][status] += 1
            index += 1

    with ThreadPoolExecutor(max_workers=6) as pool:
        loads = [pool.submit(load, worker) for worker in range(6)]
        time.sleep(3)
        phase["name"] = "during"
        proxy.cut()
        time.sleep(1)
        readiness = urllib.request.urlopen(base + "/readyz", timeout=5).read().decode()
        time.sleep(OUTAGE_SECONDS - 1)
        phase["name"] = "after"
        proxy.start()
        time.sleep(8)  # past the cache's retry delay
        stop.set()
    for finished in loads:
        finished.result()  # a load thread that died would hide its requests

    errors = {name: sum(n for code, n in counter.items() if code >= 500) for name, counter in statuses.items()}
    print("requests by phase:", {name: dict(counter) for name, counter in statuses.items()})
    assert all(sum(counter.values()) > 0 for counter in statuses.values())
    assert errors == {"before": 0, "during": 0, "after": 0}
    assert '"cache": "degraded"' in readiness
    assert '"cache": "ok"' in urllib.request.urlopen(base + "/readyz", timeout=5).read().decode()
