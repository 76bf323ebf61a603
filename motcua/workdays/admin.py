"""Admin for the calendar: office hours edited as rows, overrides through the services."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from motcua.workdays import services
from motcua.workdays.models import CalendarOverride, OfficeHours


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    list_display = ["weekday", "start", "end", "updated_at"]
    list_filter = ["weekday"]
    ordering = ["weekday", "start"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "reason", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["reason"]
    date_hierarchy = "day"
    ordering = ["-day"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A different day is a different override: delete this one and add another.
        return ["day"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        saved = services.calendar_override_set(day=obj.day, kind=obj.kind, reason=obj.reason)
        obj.pk = saved.pk
        obj.created_at = saved.created_at
        obj.updated_at = saved.updated_at

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.calendar_override_remove(day=obj.day)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for day in list(queryset.values_list("day", flat=True)):
            services.calendar_override_remove(day=day)
