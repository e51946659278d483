"""Fault tests: a live gunicorn (3 workers, production settings, PostgreSQL + Redis) under steady load while
Redis disappears, a worker is killed with SIGKILL, or PostgreSQL drops every connection and refuses new
ones for a few seconds (what a restart does). Counts 5xx before, during and after each fault.

Redis and PostgreSQL are reached through small TCP proxies owned by the test (stopping the shared servers
would disturb everything else using them). Skipped unless RUN_FAULT_TESTS=1 with PostgreSQL and REDIS_URL.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.fault,
    # Declares the database so pytest-django creates the test database even when this module runs alone;
    # gunicorn's workers use that database, and the flush afterwards leaves it clean for the next test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(os.environ.get("RUN_FAULT_TESTS") != "1", reason="fault tests run with RUN_FAULT_TESTS=1"),
]

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/healthz", "/readyz", "/recherche/?q=mus%C3%A9e", "/accounts/login/", "/certificats/verifier/"]
OUTAGE_SECONDS = 5
REDIS_OUTAGE_SECONDS = 30  # as long as a Redis restart with a slow disk; the cache must not break pages meanwhile


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a server (Redis, PostgreSQL); ``cut()`` closes every connection and refuses
    new ones, as a crashed or restarting server would; ``start()`` brings it back."""

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


@dataclass
class LiveSite:
    base: str
    redis: TcpProxy
    database: TcpProxy
    server: subprocess.Popen

    def worker_pids(self) -> list[int]:
        """gunicorn's worker processes (children of the master), read from /proc."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.server.pid:
                    pids.append(int(stat.parent.name))
        return pids


@pytest.fixture
def live_gunicorn(django_db_setup, django_db_blocker, tmp_path):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    redis = urlsplit(os.environ["REDIS_URL"])
    proxy = TcpProxy((redis.hostname or "127.0.0.1", redis.port or 6379))
    proxy.start()
    database = connection.settings_dict
    database_proxy = TcpProxy((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    database_proxy.start()
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "fault-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LUMIERE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{database['USER']}@127.0.0.1:{database_proxy.port}/{database['NAME']}",
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
        yield LiveSite(base=base, redis=proxy, database=database_proxy, server=server)
    finally:
        server.terminate()
        server.wait(timeout=20)
        proxy.cut()
        database_proxy.cut()


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 599  # no answer at all counts as a server failure


class SteadyLoad:
    """Six threads requesting every page in turn, counting statuses per phase of the experiment."""

    def __init__(self, base: str):
        self.base = base
        self.phase = "before"
        self.statuses: dict[str, Counter] = {"before": Counter(), "during": Counter(), "after": Counter()}
        self.stop = threading.Event()
        self.pool = ThreadPoolExecutor(max_workers=6)
        self.loads = []

    def _load(self, worker: int) -> None:
        index = worker
        while not self.stop.is_set():
            status = _get(self.base + PAGES[index % len(PAGES)])
            self.statuses[self.phase][status] += 1
            index += 1

    def __enter__(self):
        self.loads = [self.pool.submit(self._load, worker) for worker in range(6)]
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        for finished in self.loads:
            finished.result()  # a load thread that died would hide its requests
        self.pool.shutdown()
        print("requests by phase:", {name: dict(counter) for name, counter in self.statuses.items()})

    def errors(self) -> dict[str, int]:
        return {name: sum(n for code, n in counter.items() if code >= 500) for name, counter in self.statuses.items()}


def test_site_serves_every_page_while_redis_is_down(live_gunicorn):
    site = live_gunicorn
    with SteadyLoad(site.base) as load:
        time.sleep(3)
        load.phase = "during"
        site.redis.cut()
        time.sleep(1)
        readiness = urllib.request.urlopen(site.base + "/readyz", timeout=5).read().decode()
        time.sleep(REDIS_OUTAGE_SECONDS - 1)
        load.phase = "after"
        site.redis.start()
        time.sleep(8)  # past the cache's retry delay

    assert all(sum(counter.values()) > 0 for counter in load.statuses.values())
    assert load.errors() == {"before": 0, "during": 0, "after": 0}
    assert '"cache": "degraded"' in readiness
    assert '"cache": "ok"' in urllib.request.urlopen(site.base + "/readyz", timeout=5).read().decode()


def test_a_killed_worker_is_replaced_and_only_its_requests_in_flight_fail(live_gunicorn):
    site = live_gunicorn
    with SteadyLoad(site.base) as load:
        time.sleep(3)
        load.phase = "during"
        victim = site.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        time.sleep(2)  # the master notices and forks a new worker
        load.phase = "after"
        time.sleep(5)

    errors = load.errors()
    assert errors["before"] == 0 and errors["after"] == 0
    assert errors["during"] <= 6  # at most the requests the killed worker was serving (one per load thread)
    assert victim not in site.worker_pids() and len(site.worker_pids()) == 3


def test_the_site_recovers_by_itself_after_a_database_outage(live_gunicorn):
    site = live_gunicorn
    with SteadyLoad(site.base) as load:
        time.sleep(3)
        load.phase = "during"
        site.database.cut()  # as a PostgreSQL restart does: every connection dropped, new ones refused
        time.sleep(1)
        liveness = _get(site.base + "/healthz")
        readiness = _get(site.base + "/readyz")
        time.sleep(OUTAGE_SECONDS - 1)
        site.database.start()
        time.sleep(1)  # the first requests after the restart may still meet the dropped connections
        load.phase = "after"
        time.sleep(5)

    assert load.errors()["before"] == 0
    assert (liveness, readiness) == (200, 503)  # the balancer takes the host out, nobody restarts it
    assert load.errors()["after"] == 0  # stale connections are checked before use (CONN_HEALTH_CHECKS)
    assert sum(load.statuses["after"].values()) > 0
