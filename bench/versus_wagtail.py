"""Lumière's learner pages against a stock Wagtail home page, served the same way in the same run.

Creates a stock site with ``wagtail start`` in a temporary folder and a Lumière site with the guide course, each
on its own SQLite file under production settings, serves both with gunicorn (2 sync workers), and measures each
page with ``wrk`` (install it with ``apt-get install wrk``). Each page is measured in rounds that alternate with
the stock home page (the machine may be shared), and its ratio divides its mean requests/s by the stock page's
over the same rounds. Goals (issue 16): the largest guide lesson >= 1.0x for a signed-in learner and >= 3.0x
for an anonymous visitor; the quiz start screen and a 10-question attempt page >= 0.5x.

Lumière runs ``bench.settings_load`` (production settings over plain HTTP) with Redis database 10 as its cache.

Usage: .venv/bin/python bench/versus_wagtail.py [--duration 5] [--rounds 3] [--connections 4] [--port 18100]
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python")
GOALS = {"lesson, learner": 1.0, "lesson, anonymous": 3.0, "quiz start screen, learner": 0.5, "attempt page": 0.5}
STOCK_LOCAL_SETTINGS = """
SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["127.0.0.1"]
DEBUG = False
"""


@dataclass
class Result:
    label: str
    per_second: float
    latency_ms: float
    non_2xx: int


def run(command: list[str], *, cwd: Path, env: dict[str, str]) -> None:
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if completed.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stdout}\n{completed.stderr}")


def serve(module: str, *, cwd: Path, env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """gunicorn with 2 sync workers, the same for both sites; waits until the site answers."""
    process = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), module, "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        + ["--error-logfile", str(log)],
        cwd=cwd,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
        except Exception:  # an HTTP error status: the server answers
            return process
    process.terminate()
    raise SystemExit(f"{module} did not answer on port {port}; see {log}")


def check(url: str, cookie: str | None) -> None:
    """The page must answer 200 without a redirect, or the figures would measure something else."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{url}: HTTP {error.code}") from error
    if response.status != 200:
        raise SystemExit(f"{url}: HTTP {response.status}")


def wrk(label: str, url: str, *, duration: int, connections: int, cookie: str | None = None) -> Result:
    check(url, cookie)
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[latency.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return Result(label, per_second, float(latency.group(1)) * scale, int(non_2xx.group(1)) if non_2xx else 0)


def _mean(label: str, runs: list[Result]) -> Result:
    return Result(
        label,
        sum(run.per_second for run in runs) / len(runs),
        sorted(run.latency_ms for run in runs)[len(runs) // 2],
        sum(run.non_2xx for run in runs),
    )


def prepare_stock(folder: Path) -> dict[str, str]:
    folder.mkdir()
    run([str(VENV_BIN / "wagtail"), "start", "stock", str(folder)], cwd=ROOT, env=dict(os.environ))
    (folder / "stock" / "settings" / "local.py").write_text(
        STOCK_LOCAL_SETTINGS.format(secret=secrets.token_urlsafe(50)), encoding="utf-8"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stock.settings.production"}
    env.pop("DATABASE_URL", None)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=folder, env=env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=folder, env=env)
    return env


def prepare_lumiere(folder: Path, *, port: int, redis_url: str) -> tuple[dict[str, str], dict]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_load",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BASE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"sqlite:///{folder}/lumiere.sqlite3",
        "REDIS_URL": redis_url,
        "LUMIERE_VAR_DIR": str(folder / "var"),
        "LOG_LEVEL": "WARNING",
    }
    run([PYTHON, "-c", "import os, redis; redis.Redis.from_url(os.environ['REDIS_URL']).flushdb()"], cwd=ROOT, env=env)
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["set_site_address", env["BASE_URL"]],
        ["create_signing_key", "--if-missing"],
        ["load_guide_course"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        run([PYTHON, "manage.py", *command], cwd=ROOT, env=env)
    targets_file = folder / "targets.json"
    run([PYTHON, "bench/stock_prepare.py", "--output", str(targets_file)], cwd=ROOT, env=env)
    return env, json.loads(targets_file.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=5, help="seconds of each wrk run (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="stock/page alternations per page (default 3)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections (default 4)")
    parser.add_argument("--port", type=int, default=18100, help="stock site's port; Lumière's is the next one")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")

    folder = Path(tempfile.mkdtemp(prefix="lumiere-vs-wagtail-"))
    stock_port, lumiere_port = args.port, args.port + 1
    print(f"== Preparing a stock Wagtail site and the Lumière guide course in {folder}", flush=True)
    stock_env = prepare_stock(folder / "stock")
    lumiere_env, targets = prepare_lumiere(folder, port=lumiere_port, redis_url=args.redis_url)
    servers = []
    try:
        stock_log = folder / "stock.log"
        servers.append(serve("stock.wsgi", cwd=folder / "stock", env=stock_env, port=stock_port, log=stock_log))
        servers.append(serve("config.wsgi", cwd=ROOT, env=lumiere_env, port=lumiere_port, log=folder / "lumiere.log"))
        stock_url = f"http://127.0.0.1:{stock_port}/"
        site = f"http://127.0.0.1:{lumiere_port}"
        cookie = targets["session_cookie"]
        options = {"duration": args.duration, "connections": args.connections}
        print(
            f"== wrk, {args.connections} connections, {args.duration} s per page; "
            f"{os.cpu_count()} cores, load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}",
            flush=True,
        )
        pages = [
            ("lesson, learner", site + targets["lesson"], cookie),
            ("lesson, anonymous", site + targets["lesson"], None),
            ("quiz start screen, learner", site + targets["quiz"], cookie),
            ("attempt page", site + targets["attempt"], cookie),
        ]
        # The machine is shared: each page is measured in rounds alternating with the stock home page, and its
        # ratio is taken against the stock figures of the same rounds.
        results = []
        for label, url, page_cookie in pages:
            stock_runs, page_runs = [], []
            for _ in range(args.rounds):
                stock_runs.append(wrk("stock Wagtail home page", stock_url, **options))
                page_runs.append(wrk(label, url, cookie=page_cookie, **options))
            results.append((_mean(label, page_runs), _mean("stock Wagtail home page", stock_runs)))
    finally:
        for server in servers:
            server.terminate()
            server.wait()
    print(f"\nLargest guide lesson: « {targets['lesson_title']} » ({targets['lesson_chars']} characters of body)")
    print(f"{'page':<30}{'req/s':>9}{'p50 ms':>9}{'stock req/s':>13}{'ratio':>8}{'goal':>7}  result")
    all_met = True
    for result, stock in results:
        ratio = result.per_second / stock.per_second
        goal = GOALS[result.label]
        met = ratio >= goal and result.non_2xx == 0
        all_met &= met
        errors = f" ({result.non_2xx} non-2xx)" if result.non_2xx else ""
        print(
            f"{result.label:<30}{result.per_second:>9.0f}{result.latency_ms:>9.1f}{stock.per_second:>13.0f}"
            f"{ratio:>7.2f}x{goal:>6.1f}x  {'met' if met else 'MISSED'}{errors}"
        )
    print("All goals met" if all_met else "Some goals missed")
    shutil.rmtree(folder, ignore_errors=True)
    sys.exit(0 if all_met else 1)


if __name__ == "__main__":
    main()
