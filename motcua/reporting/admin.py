"""Administrators define report types here (Decree 09 Art. 7's elements, the outline and the
data tables with their fields) and the unit categories; reports and history are read-only."""

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.clock import local, now
from motcua.core.exceptions import DomainError
from motcua.reporting import services
from motcua.reporting.models import (
    DataField,
    DataTable,
    OutlineSection,
    Plan,
    PlanTask,
    Report,
    ReportEvent,
    ReportingUnit,
    ReportPeriod,
    ReportType,
    UnitCategory,
)


class ReportingUnitInline(admin.TabularInline):
    model = ReportingUnit
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(UnitCategory)
class UnitCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    inlines = [ReportingUnitInline]


class DataTableInline(admin.TabularInline):
    model = DataTable
    extra = 0
    show_change_link = True


class OutlineSectionInline(admin.StackedInline):
    model = OutlineSection
    extra = 0


@admin.register(ReportType)
class ReportTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "frequency", "receiver", "is_active"]
    list_filter = ["frequency", "is_active"]
    search_fields = ["name", "code"]
    filter_horizontal = ["reporter_units", "reporter_categories"]
    autocomplete_fields = ["receiver", "upward_receiver"]
    inlines = [DataTableInline, OutlineSectionInline]
    actions = ["generate_periods"]
    fieldsets = [
        (None, {"fields": ["code", "name", "content", "legal_basis", "guidance", "is_active"]}),
        (
            gettext_lazy("Đối tượng báo cáo, cơ quan nhận"),
            {"fields": ["reporter_categories", "reporter_units", "receiver", "channel"]},
        ),
        (
            gettext_lazy("Tần suất, thời gian chốt số liệu, thời hạn"),
            {
                "fields": [
                    "frequency",
                    "deadline_rule",
                    "deadline_day",
                    "deadline_month",
                    "day_off_shift",
                ]
            },
        ),
        (
            gettext_lazy("Báo cáo tổng hợp gửi cấp trên"),
            {
                "fields": [
                    "upward_receiver",
                    "upward_deadline_rule",
                    "upward_deadline_day",
                    "upward_deadline_month",
                ]
            },
        ),
        (
            gettext_lazy("Nhắc hạn"),
            {"fields": ["remind_days_before", "remind_overdue", "remind_by_email"]},
        ),
    ]

    def save_related(self, request, form, formsets, change) -> None:  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        for problem in services.definition_errors(form.instance):
            self.message_user(request, problem, messages.ERROR)

    @admin.action(description=gettext_lazy("Tạo kỳ báo cáo cho năm nay và năm sau"))
    def generate_periods(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        year = local(now()).year
        for report_type in queryset:
            try:
                for y in (year, year + 1):
                    services.periods_generate(report_type_id=report_type.pk, year=y)
            except DomainError as exc:
                self.message_user(request, f"{report_type}: {exc.message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Đã tạo kỳ báo cáo %(y1)s–%(y2)s cho «%(type)s».")
                    % {"y1": year, "y2": year + 1, "type": report_type},
                )


class DataFieldInline(admin.StackedInline):
    model = DataField
    extra = 0
    fields = [
        ("code", "label", "kind", "unit_label"),
        ("required", "min_value", "max_value"),
        "choices",
        ("sum_of", "aggregate", "dossier_metric"),
        ("help_text", "order"),
    ]


@admin.register(DataTable)
class DataTableAdmin(admin.ModelAdmin):
    list_display = ["title", "report_type", "order"]
    list_filter = ["report_type"]
    inlines = [DataFieldInline]

    def save_related(self, request, form, formsets, change) -> None:  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        for problem in services.definition_errors(form.instance.report_type):
            self.message_user(request, problem, messages.ERROR)


@admin.register(ReportPeriod)
class ReportPeriodAdmin(admin.ModelAdmin):
    list_display = ["report_type", "year", "number", "starts_on", "ends_on", "deadline"]
    list_filter = ["report_type", "year"]
    readonly_fields = ["report_type", "year", "number", "starts_on", "ends_on"]


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    fk_name = "report"
    extra = 0
    can_delete = False
    readonly_fields = ["action", "at", "actor_name", "from_status", "to_status", "note", "data"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "status", "first_submitted_at", "late"]
    list_filter = ["status", "period__report_type"]
    search_fields = ["unit__name"]
    inlines = [ReportEventInline]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return [f.name for f in Report._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


class PlanTaskInline(admin.StackedInline):
    model = PlanTask
    extra = 0
    autocomplete_fields = ["lead_unit", "coordinating_units"]
    readonly_fields = ["status", "percent", "updated_at"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "year", "unit"]
    list_filter = ["year"]
    search_fields = ["number", "title"]
    readonly_fields = ["created_at", "created_by"]
    inlines = [PlanTaskInline]
