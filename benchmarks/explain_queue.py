"""EXPLAIN ANALYZE of the staff queue queries the list API runs, at the volume in the database.

`.venv/bin/python benchmarks/explain_queue.py` with DATABASE_URL (default the benchmark's
postgres://postgres@127.0.0.1:5432/motcua_bench, filled by bench_queue.py). For each demo
staff account and filter it runs `selectors.dossier_list(...)` sliced as the API's
pagination slices it (one row more than the page, no COUNT) and prints the plan, or with
`--summary` one line per query: execution time, the scans used, rows read.
"""

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/motcua_bench")
os.environ.pop("MOTCUA_ENV", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.core.clock import now  # noqa: E402
from motcua.dossiers.selectors import dossier_list  # noqa: E402

PAGE = 50
FILTERS = {
    "status=4": {"status": [4]},
    "status=2": {"status": [2]},
    "status=1": {"status": [1]},
    "overdue": {"overdue": True},
    "assignee=me": {"assignee_me": True},
    "assignee=me&status=4": {"assignee_me": True, "status": [4]},
    "status=2,4,5&procedure": {"status": [2, 4, 5], "procedure": "2.002481"},
    "no filter": {},
    "status=10 page 5": {"status": [10], "page": 5},
    "no filter page 200": {"page": 200},
}


def explain(user: User, options: dict) -> str:
    options = dict(options)
    page = options.pop("page", 1)
    queryset = dossier_list(user=user, now=now(), **options)
    offset = (page - 1) * PAGE
    sql, params = queryset[offset : offset + PAGE + 1].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def summary(plan: str) -> str:
    time = re.search(r"Execution Time: ([\d.]+) ms", plan)
    scans = re.findall(r"((?:Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)[^(]*)", plan)
    sort = "sort" if re.search(r"\bSort\b", plan) else ""
    names = sorted({" ".join(s.split()) for s in scans})
    return f"{time.group(1) if time else '?':>9} ms  {sort:<4}  " + "; ".join(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true")
    parser.add_argument("--user", action="append", help="username (default all three staff)")
    parser.add_argument("--filter", action="append", choices=sorted(FILTERS))
    args = parser.parse_args()
    for username in args.user or ["chuyenvien", "motcua", "lanhdao"]:
        user = User.objects.get(username=username)
        for name in args.filter or FILTERS:
            plan = explain(user, FILTERS[name])
            if args.summary:
                print(f"{username:<11} {name:<24} {summary(plan)}")
            else:
                print(f"\n=== {username} ({user.role}) {name}\n{plan}")


if __name__ == "__main__":
    main()
