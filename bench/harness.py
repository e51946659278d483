"""Shared set-up for benchmarks: a throwaway database, a bare baseline view, timed request loops.

A benchmark script calls :func:`django_setup` first (before importing models), builds its data, then
:func:`measure` each URL and :func:`report` the figures with their ratio to the baseline view, which
runs through the same middleware stack in the same process.
"""

import os
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE_PATH = "/bench/baseline/"


def django_setup() -> None:
    """Configure Django on a fresh SQLite file (or ``DATABASE_URL`` if set) and migrate it."""
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='lumiere-bench-')}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django
    from django.conf import settings

    # whitenoise warns when collectstatic has not run; the benchmarks serve no static file.
    warnings.filterwarnings("ignore", message="No directory at")

    django.setup()
    settings.ALLOWED_HOSTS = ["*"]
    settings.ROOT_URLCONF = "bench.urls"
    settings.DEBUG = False  # no SQL logging: measure what production does
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@dataclass
class Measure:
    label: str
    requests: int
    seconds: float
    median_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def measure(label: str, send, *, requests: int = 200, warmup: int = 10) -> Measure:
    """Time ``requests`` calls of ``send()`` (which must return a response with status 2xx/3xx)."""
    for _ in range(warmup):
        send()
    durations = []
    for _ in range(requests):
        start = time.perf_counter()
        response = send()
        durations.append(time.perf_counter() - start)
        if response.status_code >= 400:
            raise SystemExit(f"{label}: HTTP {response.status_code}")
    return Measure(label, requests, sum(durations), statistics.median(durations) * 1000)


def report(title: str, baseline: Measure, measures: list[Measure]) -> None:
    print(title)
    print(f"{'':<34}{'req/s':>10}{'median ms':>12}{'vs baseline':>14}")
    for item in [baseline, *measures]:
        ratio = item.per_second / baseline.per_second
        print(f"{item.label:<34}{item.per_second:>10.0f}{item.median_ms:>12.2f}{ratio:>13.2f}x")
