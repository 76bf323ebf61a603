"""Benchmark of the statistics at a million dossiers: the II.06a report of each year, and the
tracking book (BM.06) exported as xlsx over a million rows.

`.venv/bin/python benchmarks/bench_statistics.py` (or `make bench-statistics`). Given
DATABASE_URL (default postgres://postgres@127.0.0.1:5432/motcua_bench), it prepares the
database as `bench_queue.py` does (migrations, demo, `--count` dossiers, VACUUM ANALYZE; skip
with `--skip-setup`; it tops up the dossiers until the tracking book holds `--rows` lines),
then:

- times `ii06a(department, year)` for each year that has dossiers (the first run and the best
  of `--repeat`), and any other measure appended to `YEARLY_MEASURES` (e.g. the Decision 766
  index): each is called with the unit and the period;
- exports the department's tracking book as xlsx in a child process, over one month and over
  the longest range that holds at least `--rows` dossiers, printing the rows, the time, the
  file's size and the peak memory (growth of the child's peak RSS during the export; with
  `--tracemalloc`, also Python's traced peak, which slows the run down). The same peak for a
  month and for a million rows is what "flat memory" means here.

`--check` exits 1 when a target is missed: II.06a of a year within `TARGET_II06A_S`, the
export's memory growth within `TARGET_EXPORT_MB`.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_bench"
DEPARTMENT_CODE = "000.00.21.H29"  # the demo department, which handles every demo procedure
TARGET_II06A_S = 1.0  # every yearly measure: II.06a and the 766 index
TARGET_EXPORT_MB = 150.0


# --- what is timed for each year ---------------------------------------------------------


def measure_ii06a(unit: Any, period: Any) -> str:
    from motcua.stats.selectors import ii06a

    report = ii06a(unit, period)
    assert report.reconciles, f"II.06a does not reconcile for {period.label}"
    return f"{report.total.received_total:,} dossiers in scope"


def measure_index(unit: Any, period: Any) -> str:
    from motcua.scorecard.selectors import index_for

    index = index_for(unit, period)
    total = index.total
    return f"{total.out_of_100} / 100 ({total.points} of {total.max_points} applicable points)"


# (name, callable(unit, period) -> a short description of the result); each is run for
# every year.
YEARLY_MEASURES: list[tuple[str, Callable[[Any, Any], str]]] = [
    ("II.06a", measure_ii06a),
    ("766 index", measure_index),
]


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.pop("MOTCUA_ENV", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()


def department() -> Any:
    from django.db.models import Count

    from motcua.dossiers.models import Dossier
    from motcua.organization.models import Unit

    unit = Unit.objects.filter(code=DEPARTMENT_CODE).first()
    if unit is None:  # not the demo: the agency with the most dossiers
        top = Dossier.objects.values("agency_id").annotate(n=Count("pk")).order_by("-n").first()
        if top is None:
            raise SystemExit("no dossiers: run without --skip-setup")
        unit = Unit.objects.get(pk=top["agency_id"])
    return unit


def years_with_dossiers(unit: Any) -> list[int]:
    from django.db.models import Max, Min

    from motcua.core.clock import local
    from motcua.dossiers.models import Dossier

    span = Dossier.objects.filter(agency=unit).aggregate(
        first=Min("received_at"), last=Max("received_at")
    )
    if span["first"] is None:
        return []
    return list(range(local(span["first"]).year, local(span["last"]).year + 1))


def time_yearly(unit: Any, years: list[int], repeat: int) -> list[tuple[str, int, float, float]]:
    from motcua.core import periods

    results = []
    for name, measure in YEARLY_MEASURES:
        for year in years:
            period = periods.year(year)
            times, described = [], ""
            for _ in range(max(repeat, 1)):
                started = time.perf_counter()
                described = measure(unit, period)
                times.append(time.perf_counter() - started)
            results.append((name, year, times[0], min(times)))
            print(
                f"  {name:<10} {year}  first {times[0] * 1000:7.0f} ms  best "
                f"{min(times) * 1000:7.0f} ms  median {statistics.median(times) * 1000:7.0f} ms"
                f"  ({described})",
                flush=True,
            )
    return results


# --- the export, in a child process --------------------------------------------------------


def export_range(unit: Any, rows: int) -> tuple[date, date, int]:
    """The shortest range ending on the last day of receipt that holds `rows` dossiers (or
    the longest the xlsx allows), and how many it holds."""
    from datetime import timedelta

    from django.db.models import Max

    from motcua.core.clock import local
    from motcua.dossiers.documents.printing import MAX_BOOK_XLSX_DAYS
    from motcua.dossiers.models import Dossier

    dossiers = Dossier.objects.filter(agency=unit, received_at__isnull=False)
    end = local(dossiers.aggregate(last=Max("received_at"))["last"]).date()
    earliest = end - timedelta(days=MAX_BOOK_XLSX_DAYS - 1)
    ordered = dossiers.order_by("-received_at").values_list("received_at", flat=True)
    nth = ordered[rows - 1 : rows].first() if rows > 0 else None
    start = max(earliest, local(nth).date()) if nth else earliest
    return start, end, book_count(unit, start, end)


def top_up(url: str, args: argparse.Namespace) -> None:
    """About 1% of generated dossiers are never received (refused at reception, withdrawn or
    still waiting), so a million dossiers hold fewer than a million lines of the book: add
    enough for `--rows` lines in the xlsx's longest range."""
    from bench_queue import prepare

    from motcua.dossiers.models import Dossier

    _start, _end, rows = export_range(department(), args.rows)
    if rows < args.rows:
        wanted = Dossier.objects.count() + int((args.rows - rows) * 1.05) + 100
        print(f"{rows:,} lines in the book; topping up to {wanted:,} dossiers", flush=True)
        prepare(url, wanted, any_database=args.any_database)


def book_count(unit: Any, start: date, end: date) -> int:
    from motcua.dossiers.documents.printing import book_dossiers

    return book_dossiers(unit, start, end).count()


def child_export(args: argparse.Namespace) -> int:
    """Runs in the child: one export, its numbers as one JSON line on stdout."""
    setup_django(args.database_url)
    import tracemalloc

    from motcua.dossiers.documents.printing import tracking_book
    from motcua.organization.models import Unit

    unit = Unit.objects.get(pk=args.unit)
    start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    rows = book_count(unit, start, end)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    if args.tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    file = tracking_book(unit, start, end, fmt="xlsx")
    seconds = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = file.seek(0, os.SEEK_END)
    file.close()
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": seconds,
                "bytes": size,
                "rss_before_kib": before,
                "rss_peak_kib": after,
                "traced_peak_bytes": traced,
            }
        ),
        flush=True,
    )
    return 0


def run_export(
    url: str, unit_id: int, start: date, end: date, *, traced: bool
) -> dict[str, Any] | None:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child-export",
        "--database-url",
        url,
        "--unit",
        str(unit_id),
        "--start",
        start.isoformat(),
        "--end",
        end.isoformat(),
    ] + (["--tracemalloc"] if traced else [])
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def describe_export(label: str, result: dict[str, Any] | None) -> str:
    if result is None:
        return f"  {label}: FAILED"
    growth = (result["rss_peak_kib"] - result["rss_before_kib"]) / 1024
    line = (
        f"  {label:<22} {result['rows']:>10,} rows  {result['seconds']:7.1f} s  "
        f"{result['rows'] / max(result['seconds'], 1e-9):8,.0f} rows/s  "
        f"{result['bytes'] / 1e6:7.1f} MB  peak RSS {result['rss_peak_kib'] / 1024:6.0f} MB "
        f"(+{growth:.0f} MB during the export)"
    )
    if result.get("traced_peak_bytes") is not None:
        line += f"  tracemalloc peak {result['traced_peak_bytes'] / 1e6:.1f} MB"
    return line


# --- main ----------------------------------------------------------------------------------


def fill_outbox() -> None:
    """Two events per received dossier (its message and its steps), 1 % still pending, as a
    live system that has delivered almost everything would hold: one INSERT … SELECT, done
    once (the generator writes no events; `sync_backfill` would take half an hour)."""
    from django.db import connection

    from motcua.sync.models import OutboxEvent

    if OutboxEvent.objects.exists():
        print(f"outbox: {OutboxEvent.objects.count():,} events already")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO sync_outboxevent (dossier_id, sequence, kind, key, payload, state,
                created_at, attempts, next_attempt_at, last_error, delivered_at, endpoint,
                claimed_by, claimed_until)
            SELECT d.id, n, CASE n WHEN 1 THEN 'dossier' ELSE 'step' END,
                d.code || ':bench:' || n, '{}'::jsonb,
                CASE WHEN n = 2 AND d.id % 100 = 0 THEN 'pending' ELSE 'delivered' END,
                d.received_at, 1, d.received_at, '',
                CASE WHEN n = 2 AND d.id % 100 = 0 THEN NULL ELSE d.received_at END,
                CASE n WHEN 1 THEN 'create' ELSE 'steps' END, '', NULL
            FROM dossiers_dossier d CROSS JOIN generate_series(1, 2) AS n
            WHERE d.received_at IS NOT NULL
            """
        )
        cursor.execute("VACUUM ANALYZE sync_outboxevent")
    took = time.perf_counter() - started
    print(f"outbox: {OutboxEvent.objects.count():,} events written in {took:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_URL)
    parser.add_argument("--count", type=int, default=1_000_000, help="dossiers to have")
    parser.add_argument("--skip-setup", action="store_true", help="trust the database as is")
    parser.add_argument(
        "--any-database", action="store_true", help="allow a database without 'bench' in its name"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each yearly measure")
    parser.add_argument(
        "--rows", type=int, default=1_000_000, help="rows of the big tracking-book export"
    )
    parser.add_argument("--no-export", action="store_true", help="only the yearly measures")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python allocations (slower)"
    )
    parser.add_argument(
        "--portal-events",
        action="store_true",
        help="give every received dossier two portal events (1%% not yet delivered), written "
        "in SQL when the outbox is empty, so the index's synchronized criterion has rows to read",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    # The child process of one export.
    parser.add_argument("--child-export", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--unit", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--start", help=argparse.SUPPRESS)
    parser.add_argument("--end", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_export:
        return child_export(args)

    url = args.database_url
    if "127.0.0.1" not in url and "localhost" not in url:
        raise SystemExit("bench_statistics runs only against a local database (127.0.0.1)")
    if args.skip_setup:
        setup_django(url)
    else:
        from bench_queue import prepare

        prepare(url, args.count, any_database=args.any_database)
        setup_django(url)
        if not args.no_export:
            top_up(url, args)

    from django.db import connection

    from motcua.core.clock import local, now
    from motcua.dossiers.models import Dossier

    if args.portal_events:
        fill_outbox()
    unit = department()
    total = Dossier.objects.count()
    years = years_with_dossiers(unit)
    server = connection.vendor
    if server == "postgresql":
        server += f" {connection.pg_version // 10000}"
    print(
        f"\n{total:,} dossiers; {os.cpu_count()} cores; {server}; unit {unit.name} "
        f"(id {unit.pk}); load average {os.getloadavg()[0]:.2f}"
    )
    print("\nPer year (the unit and its sub-units):")
    yearly = time_yearly(unit, years, args.repeat)

    exports: list[tuple[str, dict[str, Any] | None]] = []
    if not args.no_export:
        print("\nTracking book (BM.06) as xlsx, in a child process:", flush=True)
        last_year = years[-1] if years else local(now()).year
        month_start, month_end = date(last_year, 3, 1), date(last_year, 3, 31)
        small = run_export(url, unit.pk, month_start, month_end, traced=args.tracemalloc)
        exports.append(("one month", small))
        print(describe_export("one month", small), flush=True)
        start, end, rows = export_range(unit, args.rows)
        label = f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"
        if rows < args.rows:
            print(f"  only {rows:,} dossiers fit in the xlsx's longest range; exporting those")
        big = run_export(url, unit.pk, start, end, traced=args.tracemalloc)
        exports.append((label, big))
        print(describe_export(label, big), flush=True)

    checks = [
        (
            f"{measured} of a year ≤ {TARGET_II06A_S:g} s (best of {args.repeat})",
            all(best <= TARGET_II06A_S for name, _y, _first, best in yearly if name == measured),
        )
        for measured, _measure in YEARLY_MEASURES
    ]
    for label, result in exports:
        ok = result is not None
        growth = (result["rss_peak_kib"] - result["rss_before_kib"]) / 1024 if result else 0
        name = f"export {label}: peak memory growth ≤ {TARGET_EXPORT_MB:g} MB"
        checks.append((name, ok and growth <= TARGET_EXPORT_MB))
    if exports and exports[-1][1] is not None:
        checks.append((f"export of ≥ {args.rows:,} rows", exports[-1][1]["rows"] >= args.rows))
    print("\nTargets:")
    for name, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {name}")
    return 1 if args.check and not all(ok for _name, ok in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
