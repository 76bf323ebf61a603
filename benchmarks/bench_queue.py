"""Benchmark of the staff queue API at a million dossiers, served as in production.

`make bench-queue` (or `.venv/bin/python benchmarks/bench_queue.py`). Given DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/motcua_bench), it creates the database if needed,
migrates it, loads the demo and tops it up to `--count` dossiers with `generate_dossiers`
(VACUUM ANALYZE after), takes an API token of the demo specialist, starts gunicorn with
MOTCUA_ENV=production on a free port of 127.0.0.1, and measures
GET /api/v1/dossiers/?page_size=50 with a few filters: one client in sequence, then 16
concurrent clients (one keep-alive `http.client` connection per thread). It prints
requests/s, median and p95 latency for each, checks the targets of the issue, and stops
gunicorn. The clients run on the same machine, so they share its cores with the server.
"""

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_bench"
HOST = "127.0.0.1"
USERNAME = "chuyenvien"  # the demo specialist: sees every dossier of the demo department
VARIANTS = {
    "status=4": "/api/v1/dossiers/?status=4&page_size=50",
    "overdue=true": "/api/v1/dossiers/?overdue=true&page_size=50",
    "assignee=me": "/api/v1/dossiers/?assignee=me&page_size=50",
    "status=2,4,5&procedure": "/api/v1/dossiers/?status=2,4,5&procedure=2.002481&page_size=50",
    "status=10 page 5": "/api/v1/dossiers/?status=10&page=5&page_size=50",
}
DEFAULT_VARIANTS = ["status=4", "overdue=true", "assignee=me"]
# The targets on a 2-core machine, checked on the first variant.
TARGET_ONE_MEDIAN_MS = 15.0
TARGET_MANY_RPS = 200.0
TARGET_MANY_MEDIAN_MS = 80.0


# --- the database ----------------------------------------------------------------------


def ensure_database(url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("bench_queue measures PostgreSQL: DATABASE_URL must be postgres://")
    name = config["NAME"]
    with psycopg.connect(
        host=config["HOST"] or HOST,
        port=config["PORT"] or 5432,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"Creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(url: str, count: int, *, any_database: bool = False) -> tuple[str, int]:
    """Schema, demo, `count` dossiers, fresh statistics; the specialist's token, the count."""
    import dj_database_url

    name = dj_database_url.parse(url)["NAME"]
    if "bench" not in name and not any_database:
        # A developer's DATABASE_URL may point at a database they care about.
        raise SystemExit(
            f"bench_queue fills its database with demo users and a million dossiers; "
            f"{name!r} has no 'bench' in its name: pass --any-database to use it anyway"
        )
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.pop("MOTCUA_ENV", None)  # set-up runs in development mode; the server won't
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from motcua.accounts.models import User
    from motcua.core.demo import load_demo
    from motcua.dossiers.models import Dossier

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username=USERNAME).exists():
        load_demo()
    existing = Dossier.objects.count()
    if existing < count:
        print(f"{existing:,} dossiers; generating {count - existing:,} more")
        started = time.perf_counter()
        call_command("generate_dossiers", "--count", str(count - existing))
        print(f"generated in {time.perf_counter() - started:.0f} s")
        existing = count
    with connection.cursor() as cursor:
        # Fresh statistics everywhere: autovacuum never analyzes a table of a few rows (under
        # 50 changes), and the planner's guess for the units' subtree decides the plan.
        for table in ("dossiers_dossier", "dossiers_dossierevent", "dossiers_pause"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("ANALYZE")
    token, _created = Token.objects.get_or_create(user=User.objects.get(username=USERNAME))
    connection.close()
    return token.key, existing


# --- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(url: str, args: argparse.Namespace, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MOTCUA_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback, TLS ends at a proxy
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        # The API serves no static files; an empty folder keeps WhiteNoise quiet.
        "STATIC_ROOT": tempfile.mkdtemp(prefix="motcua-bench-static-"),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "motcua.wsgi",
        "--chdir",
        str(ROOT),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads),
        "--keep-alive",
        "5",
        "--log-level",
        "warning",
    ]
    print("Starting", " ".join(command[2:]))
    return subprocess.Popen(command, env=env, cwd=ROOT)


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- the clients -----------------------------------------------------------------------


class Client:
    """One keep-alive connection (reopened when the server closes it)."""

    def __init__(self, port: int, token: str) -> None:
        self.connection = HTTPConnection(HOST, port, timeout=30)
        self.headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        self.last_error = ""

    def get(self, path: str) -> tuple[int, bytes]:
        # A kept-alive connection the server has just closed fails at once; a GET is safe to
        # send again on a new connection, as browsers and HTTP libraries do.
        for attempt in (1, 2):
            try:
                self.connection.request("GET", path, headers=self.headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (ConnectionError, OSError) as exc:
                self.connection.close()  # the next request reconnects
                if attempt == 2 or isinstance(exc, TimeoutError):
                    self.last_error = repr(exc)
                    return 0, b""
        return 0, b""

    def close(self) -> None:
        self.connection.close()


def wait_ready(server: subprocess.Popen, port: int, token: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        client = Client(port, token)
        status, _body = client.get("/api/v1/dossiers/?page_size=1")
        client.close()
        if status == 200:
            return
        if status not in (0, 502, 503):
            raise SystemExit(f"the API answered {status} when ready")
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


@dataclass
class Result:
    variant: str
    clients: int
    latencies: list[float]
    seconds: float
    errors: Counter[int | str]  # HTTP status, or the connection error, of failed requests

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[94] * 1000


def run_one(port: int, token: str, variant: str, requests: int, warmup: int, budget: float):
    client = Client(port, token)
    path = VARIANTS[variant]
    for _ in range(warmup):
        client.get(path)
    latencies: list[float] = []
    errors: Counter[int | str] = Counter()
    started = time.perf_counter()
    deadline = started + budget
    while len(latencies) < requests and time.perf_counter() < deadline:
        begin = time.perf_counter()
        status, _body = client.get(path)
        if status == 200:
            latencies.append(time.perf_counter() - begin)
        else:
            errors[status or client.last_error] += 1
    seconds = time.perf_counter() - started
    client.close()
    return Result(variant, 1, latencies, seconds, errors)


def run_many(
    port: int, token: str, variant: str, clients: int, requests: int, warmup: int, budget: float
) -> Result:
    path = VARIANTS[variant]
    lock = threading.Lock()
    latencies: list[float] = []
    errors: Counter[int | str] = Counter()
    issued = [0]
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def work() -> None:
        client = Client(port, token)
        for _ in range(warmup):
            client.get(path)
        start.wait()
        while True:
            with lock:
                if issued[0] >= requests or time.perf_counter() > deadline[0]:
                    break
                issued[0] += 1
            begin = time.perf_counter()
            status, _body = client.get(path)
            elapsed = time.perf_counter() - begin
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors[status or client.last_error] += 1
        client.close()

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + budget + 60  # provisional, until all are warm
    start.wait()
    started = time.perf_counter()
    deadline[0] = started + budget
    for thread in threads:
        thread.join()
    return Result(variant, clients, latencies, time.perf_counter() - started, errors)


def describe(port: int, token: str, variant: str) -> str:
    client = Client(port, token)
    status, body = client.get(VARIANTS[variant])
    client.close()
    if status != 200:
        raise SystemExit(f"{variant}: HTTP {status}: {body[:300]!r}")
    data = json.loads(body)
    if not isinstance(data, dict) or "results" not in data:
        return f"{len(body):,} bytes"
    return f"{len(data['results'])} rows, next page: {'yes' if data.get('next') else 'no'}"


# --- main ------------------------------------------------------------------------------


def main() -> int:
    cores = os.cpu_count() or 2
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_URL)
    parser.add_argument("--count", type=int, default=1_000_000, help="dossiers to have")
    parser.add_argument("--skip-setup", action="store_true", help="trust the database as is")
    parser.add_argument(
        "--any-database", action="store_true", help="allow a database without 'bench' in its name"
    )
    parser.add_argument("--workers", type=int, default=cores + 1)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--requests", type=int, default=500, help="one client's requests")
    parser.add_argument(
        "--concurrent-requests", type=int, default=4000, help="all 16 clients' requests"
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=20, help="requests per client first")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per measurement")
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS), help="repeatable")
    parser.add_argument(
        "--path", action="append", default=[], help="another URL to measure (repeatable)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    url = args.database_url
    if "127.0.0.1" not in url and "localhost" not in url:
        raise SystemExit("bench_queue runs only against a local database (127.0.0.1)")
    variants = args.variant or ([] if args.path else DEFAULT_VARIANTS)
    for extra in args.path:
        VARIANTS[extra] = extra
        variants.append(extra)

    if args.skip_setup:
        os.environ["DATABASE_URL"] = url
        os.environ.pop("MOTCUA_ENV", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
        import django

        django.setup()
        from rest_framework.authtoken.models import Token

        from motcua.dossiers.models import Dossier

        token = Token.objects.get(user__username=USERNAME).key
        count = Dossier.objects.count()
    else:
        token, count = prepare(url, args.count, any_database=args.any_database)

    port = free_port()
    server = start_gunicorn(url, args, port)
    results: list[Result] = []
    try:
        wait_ready(server, port, token)
        print(
            f"\n{count:,} dossiers; {cores} cores; gunicorn {args.workers} × "
            f"{args.worker_class}/{args.threads} thread(s); load average "
            f"{os.getloadavg()[0]:.2f} before the runs"
        )
        for variant in variants:
            print(f"{variant}: {describe(port, token, variant)}")
            results.append(run_one(port, token, variant, args.requests, args.warmup, args.budget))
            results.append(
                run_many(
                    port,
                    token,
                    variant,
                    args.clients,
                    args.concurrent_requests,
                    args.warmup,
                    args.budget,
                )
            )
    finally:
        stop(server)

    print(f"\n{'GET /api/v1/dossiers/?…':<24}{'clients':>8}{'requests':>10}{'errors':>8}"
          f"{'req/s':>9}{'median ms':>11}{'p95 ms':>9}")  # fmt: skip
    for r in results:
        print(
            f"{r.variant:<24}{r.clients:>8}{len(r.latencies):>10}{r.errors.total():>8}"
            f"{r.rps:>9.1f}{r.median_ms:>11.1f}{r.p95_ms:>9.1f}"
        )
    one, many = results[0], results[1]
    checks = [
        (f"one client median < {TARGET_ONE_MEDIAN_MS:g} ms", one.median_ms < TARGET_ONE_MEDIAN_MS),
        (f"{many.clients} clients ≥ {TARGET_MANY_RPS:g} req/s", many.rps >= TARGET_MANY_RPS),
        (
            f"{many.clients} clients median < {TARGET_MANY_MEDIAN_MS:g} ms",
            many.median_ms < TARGET_MANY_MEDIAN_MS,
        ),
        ("no errors", not any(r.errors for r in results)),
    ]
    for r in results:
        if r.errors:
            print(f"  errors in {r.variant} × {r.clients}: {dict(r.errors)}")
    print(f"\nTargets ({one.variant}, 2-core machine):")
    for name, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {name}")
    return 1 if args.check and not all(ok for _name, ok in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
