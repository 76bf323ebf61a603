"""The reporting demo: the seed's three report types, a board with every state, Plan 306
with its 25 tasks; a second load changes nothing."""

import pytest
from django.apps import apps

from motcua.core.demo import load_demo
from motcua.reporting.models import ConsolidatedReport, Plan, Report, ReportType

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"reporting", "notifications", "organization", "accounts"}
    }


def test_demo_reporting_is_complete_and_idempotent():
    load_demo()
    first = _counts()
    load_demo()
    assert _counts() == first
    assert set(ReportType.objects.values_list("code", flat=True)) == {
        "ke-hoach-nq131",
        "bao-cao-quy-nq131",
        "bao-cao-nam-nq131",
    }
    states = set(Report.objects.values_list("status", "late"))
    assert {
        ("submitted", False),
        ("submitted", True),
        ("returned", False),
        ("draft", None),
    } <= states
    assert ConsolidatedReport.objects.filter(status="submitted").exists()
    plan = Plan.objects.get(number="306/KH-GDĐT")
    assert plan.tasks.count() == 25
    assert plan.tasks.filter(status="done").exists()
