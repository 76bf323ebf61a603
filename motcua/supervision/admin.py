"""The step durations in the admin: read-only (rebuilt from the history by the daily job)."""

from django.contrib import admin

from motcua.core.admin import ReadOnlyAdmin
from motcua.supervision.models import StepDuration


@admin.register(StepDuration)
class StepDurationAdmin(ReadOnlyAdmin):
    list_display = ["procedure_code", "step_order", "median_seconds", "samples", "computed_at"]
    search_fields = ["procedure_code"]
