"""`fetch_values` gives exactly what the ORM gives, on SQLite and on PostgreSQL."""

from datetime import timedelta

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.core.clock import now
from motcua.core.db import fetch_values
from motcua.core.demo import load_demo

pytestmark = pytest.mark.django_db


def test_fetch_values_matches_the_orm_for_timestamps_nulls_and_joins():
    load_demo()
    User.objects.filter(username="lanhdao").update(last_login=now() - timedelta(hours=3))
    queryset = User.objects.order_by("pk").values(
        "username", "date_joined", "last_login", "is_active", "units__code"
    )
    rows = fetch_values(queryset)
    assert rows == list(queryset)
    assert any(row["last_login"] is None for row in rows)
    assert all(row["date_joined"].utcoffset() == timedelta(0) for row in rows)


def test_fetch_values_of_an_empty_filter_and_of_a_slice():
    load_demo()
    assert fetch_values(User.objects.filter(pk__in=[]).values("pk")) == []
    queryset = User.objects.order_by("username").values("username")[1:3]
    assert fetch_values(queryset) == list(queryset)


def test_fetch_values_leaves_converted_fields_to_the_orm():
    load_demo()
    # JSON needs Django's converter: the rows must still come out decoded.
    queryset = Procedure.objects.order_by("pk").values("code", "sources", "time_limit_days")
    assert fetch_values(queryset) == list(queryset)
    assert isinstance(fetch_values(queryset)[0]["sources"], list)
