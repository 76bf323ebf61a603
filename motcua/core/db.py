"""Database helpers for the hottest reads.

`fetch_values` returns the rows of a `.values()` queryset exactly as `list(queryset)` would,
but on PostgreSQL lets psycopg parse timestamps with its own C loader. Django registers a
pure-Python loader for `timestamptz` (to attach its time zone to every value), which costs
a few microseconds per value: a staff queue page of 50 rows has 250 of them, about half a
millisecond per request (docs/decisions/0005-queue-throughput.md). The C loader returns
aware datetimes in the connection's time zone, UTC, as Django's would.
"""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable


def fetch_values(queryset: QuerySet) -> list[dict[str, Any]]:
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or queryset._iterable_class is not ValuesIterable:
        return list(queryset)
    query = queryset.query
    compiler = query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return []
    # Only plain columns: a field with a Python-side converter (JSON, decimals on some
    # databases, expressions) goes the ORM's way.
    if compiler.get_converters([expression for expression, _sql, _alias in compiler.select]):
        return list(queryset)
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    from psycopg.types.datetime import TimestamptzLoader

    with connection.cursor() as cursor:
        # psycopg swaps in its C implementation of the loader registered here.
        cursor.cursor.adapters.register_loader("timestamptz", TimestamptzLoader)
        cursor.execute(sql, params)
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
