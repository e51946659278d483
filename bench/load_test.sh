#!/usr/bin/env bash
# Load test: 50 learners for 60 s against gunicorn (3 workers) + PostgreSQL + Redis, production settings.
#
# Recreates the PostgreSQL database `lumiere_load` (trust auth on 127.0.0.1:5432, role `lumiere`),
# loads the guide course, creates the learner accounts, starts gunicorn on 127.0.0.1:8765, runs
# bench/locustfile.py headless and prints the figures. Exits non-zero on any failed request, or when
# the 95th percentile of page views reaches 1 s. Locust lives in its own venv (var/bench-venv), never in .venv.
#
# Usage: bench/load_test.sh          (LOAD_USERS, LOAD_SPAWN_RATE, LOAD_DURATION, LOAD_PORT to change)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

USERS="${LOAD_USERS:-50}"
SPAWN_RATE="${LOAD_SPAWN_RATE:-10}"
DURATION="${LOAD_DURATION:-60s}"
PORT="${LOAD_PORT:-8765}"
DB_NAME="${LOAD_DB_NAME:-lumiere_load}"
P95_LIMIT_MS=1000
OUT="$ROOT/var/bench"
BENCH_VENV="$ROOT/var/bench-venv"

# The server runs the project's own venv; Locust gets a separate one.
[ -x .venv/bin/gunicorn ] || bin/install
if [ ! -x "$BENCH_VENV/bin/locust" ]; then
  python3 -m venv "$BENCH_VENV"
fi
"$BENCH_VENV/bin/pip" install --quiet --disable-pip-version-check -r bench/requirements-load.txt

mkdir -p "$OUT"
rm -f "$OUT"/load_*.csv "$OUT/summary.json"

# Production settings (config.settings.production) with only HTTPS relaxed: see bench/settings_load.py.
export DJANGO_SETTINGS_MODULE=bench.settings_load
export SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS=127.0.0.1
export BASE_URL="http://127.0.0.1:$PORT"
export DATABASE_URL="postgres://lumiere@127.0.0.1:5432/$DB_NAME"
export REDIS_URL="${LOAD_REDIS_URL:-redis://127.0.0.1:6379/9}"
export LUMIERE_VAR_DIR="$OUT/site"
export LOG_LEVEL=WARNING
export LOAD_PASSWORD="bench-$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(8))')"
export LOAD_TARGETS="$OUT/targets.json"
export LOAD_SUMMARY="$OUT/summary.json"

if ss -ltn "sport = :$PORT" | grep -q LISTEN; then
  echo "Port $PORT is already in use; set LOAD_PORT." >&2
  exit 2
fi

echo "== Database $DB_NAME, cache $REDIS_URL"
psql -q -h 127.0.0.1 -U lumiere -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)"
psql -q -h 127.0.0.1 -U lumiere -d postgres -c "CREATE DATABASE $DB_NAME OWNER lumiere"
# Rate-limit counters of an earlier run would otherwise still count against this one.
.venv/bin/python -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()'
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py set_site_address "$BASE_URL"
.venv/bin/python manage.py create_signing_key --if-missing
.venv/bin/python manage.py load_guide_course
.venv/bin/python bench/load_prepare.py --users "$USERS" --password "$LOAD_PASSWORD" --output "$LOAD_TARGETS"
.venv/bin/python manage.py collectstatic --noinput -v 0

echo "== gunicorn, 3 workers, on $BASE_URL"
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$PORT" --workers 3 --access-logfile "$OUT/access.log" \
  --error-logfile "$OUT/gunicorn.log" &
GUNICORN_PID=$!
trap 'kill "$GUNICORN_PID" 2>/dev/null; wait "$GUNICORN_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "$BASE_URL/healthz" && break
  sleep 0.2
done
curl -fsS -o /dev/null "$BASE_URL/healthz"

echo "== Locust: $USERS learners (spawn rate $SPAWN_RATE/s) for $DURATION"
# Other work on the machine skews every figure: say how busy it was.
echo "$(date -u '+%F %H:%M UTC'), $(nproc) cores, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
"$BENCH_VENV/bin/locust" -f bench/locustfile.py --headless -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" \
  --host "$BASE_URL" --csv "$OUT/load" --only-summary --loglevel WARNING
LOCUST_STATUS=$?
set -e
kill "$GUNICORN_PID"
wait "$GUNICORN_PID" 2>/dev/null || true
trap - EXIT

echo
echo "== Figures (ms; CSV in var/bench/load_stats.csv, server log in var/bench/gunicorn.log)"
python3 - "$OUT" "$P95_LIMIT_MS" "$LOCUST_STATUS" <<'PY'
import csv
import json
import sys
from pathlib import Path

out, limit, locust_status = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rows = list(csv.DictReader((out / "load_stats.csv").open(encoding="utf-8")))
print(f"{'request':<24}{'count':>7}{'fail':>6}{'p50':>7}{'p95':>7}{'max':>8}")
for row in rows:
    name = row["Name"] if row["Type"] else "all requests"
    print(
        f"{name:<24}{row['Request Count']:>7}{row['Failure Count']:>6}{row['50%']:>7}{row['95%']:>7}"
        f"{float(row['Max Response Time']):>8.0f}"
    )
total = next(row for row in rows if row["Name"] == "Aggregated")
pages = json.loads((out / "summary.json").read_text(encoding="utf-8"))
print(
    f"\nTotal requests: {total['Request Count']}, failures: {total['Failure Count']}, "
    f"{float(total['Requests/s']):.1f} requests/s"
)
print(
    f"Page views: {pages['page_views']}, p50 {pages['p50_ms']} ms, p95 {pages['p95_ms']} ms, "
    f"p99 {pages['p99_ms']} ms, max {pages['max_ms']} ms"
)
failures = out / "load_failures.csv"
for row in csv.DictReader(failures.open(encoding="utf-8")):
    print(f"FAILED {row['Occurrences']}× {row['Name']}: {row['Error']}")
server_errors = (out / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
for marker in ("WORKER TIMEOUT", "Traceback"):
    if marker in server_errors:
        print(f"gunicorn.log contains « {marker} » ({server_errors.count(marker)}×)")
ok = int(total["Failure Count"]) == 0 and pages["p95_ms"] < limit and locust_status == 0
print("PASS" if ok else f"FAIL (goal: 0 failures and page views p95 < {limit} ms)")
sys.exit(0 if ok else 1)
PY
