"""Benchmark of the control room and the procedure review at a million dossiers.

`.venv/bin/python benchmarks/bench_supervision.py [--repeat 5]` against DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/motcua_bench), a database prepared by `bench_queue.py` (the
demo and a million generated dossiers, migrated, analyzed). Nothing is written except the
step-duration table (`--refresh` rebuilds it first, timed).

Times in-process, for the demo head (`lanhdao`), officer (`motcua`) and specialist
(`chuyenvien`): the control room (its numbers, feedback overdue and the charts), the first page
of each number's list, and the procedure review; prints the first run and the median of
`--repeat` runs, with the number of queries.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_bench"


def timed(function, repeat: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    runs = []
    queries = 0
    for _ in range(repeat + 1):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            function()
            runs.append(time.perf_counter() - start)
        queries = len(context.captured_queries)
    return runs[0], statistics.median(runs[1:]), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--refresh", action="store_true", help="rebuild the step durations")
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    from motcua.accounts.models import User
    from motcua.core.clock import now
    from motcua.dossiers.models import Dossier
    from motcua.supervision import selectors
    from motcua.supervision.params import period_param, review_params
    from motcua.supervision.selectors import Flag
    from motcua.supervision.services import step_durations_refresh

    print(f"{Dossier.objects.count():,} dossiers")
    if options.refresh:
        start = time.perf_counter()
        kept = step_durations_refresh()
        print(f"step_durations_refresh: {kept} steps in {time.perf_counter() - start:.2f} s")
    at = now()
    period = period_param({}, now=at)
    rows = []
    for name in ("lanhdao", "motcua", "chuyenvien"):
        user = User.objects.get(username=name)

        def room(user=user) -> None:  # type: ignore[no-untyped-def]
            scope = selectors.control_room_scope(user)
            selectors.control_room(scope, now=at, period=period, weeks=12)

        rows.append((f"{name}: control room", *timed(room, options.repeat)))
        for flag in Flag:

            def page(user=user, flag=flag) -> None:  # type: ignore[no-untyped-def]
                scope = selectors.control_room_scope(user)
                context = selectors.FlagContext(now=at, period=period)
                list(selectors.flagged_dossiers(scope, flag, context)[:50])

            rows.append((f"{name}: list {flag.value}", *timed(page, options.repeat)))
        if user.role in selectors.REVIEW_ROLES:
            params = review_params({}, now=at)

            def review(user=user, params=params) -> None:  # type: ignore[no-untyped-def]
                selectors.procedure_review(
                    user,
                    years=params.years,
                    period=params.period,
                    thresholds=params.thresholds,
                    now=at,
                )

            rows.append((f"{name}: procedure review", *timed(review, options.repeat)))
    width = max(len(row[0]) for row in rows)
    print(f"{'':{width}}  {'first':>9}  {'median':>9}  queries")
    for label, first, median, queries in rows:
        print(f"{label:{width}}  {first * 1000:7.1f}ms  {median * 1000:7.1f}ms  {queries:7d}")


if __name__ == "__main__":
    main()
