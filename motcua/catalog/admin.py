"""Catalog administration: drafts are edited here; publication and new versions go through
the services (admin actions), and published or retired versions are shown read-only."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import STAFF_ROLES
from motcua.catalog import services
from motcua.catalog.completeness import part_labels
from motcua.catalog.models import (
    DocumentType,
    Field,
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureStatus,
    ProcessStep,
)
from motcua.catalog.process import process_hours_error
from motcua.core.exceptions import DomainError
from motcua.core.text import fold


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "issuer", "validity_months"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "published_count"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Field]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                published=Count(
                    "procedures", filter=Q(procedures__status=ProcedureStatus.PUBLISHED)
                )
            )
        )

    @admin.display(description=_("số thủ tục đang áp dụng"), ordering="published")
    def published_count(self, field: Field) -> int:
        return field.published  # type: ignore[attr-defined]


class DraftOnlyInline:
    """Inline rows can change only while their procedure is a draft."""

    def _editable(self, obj: Procedure | None) -> bool:
        return obj is None or obj.is_editable

    def has_add_permission(self, request: HttpRequest, obj: Procedure | None = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Procedure | None = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Procedure | None = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class ComponentInline(DraftOnlyInline, admin.StackedInline):
    model = ProcedureComponent
    extra = 0
    fields = [
        ("order", "name"),
        ("copies_original", "copies_copy"),
        "form_template",
        "note",
        "source",
        ("database_name", "database_agency"),
        "database_legal_basis",
        ("document_type", "accepted_kinds"),
    ]


class FeeInline(DraftOnlyInline, admin.TabularInline):
    model = ProcedureFee
    extra = 0
    fields = ["name", "amount", "online_amount", "stage", "note"]


class ProcessStepFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        hours = [
            form.cleaned_data["hours"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        message = process_hours_error(time_limit_days=self.instance.time_limit_days, hours=hours)
        if message:
            raise ValidationError(message)


class ProcessStepInline(DraftOnlyInline, admin.TabularInline):
    model = ProcessStep
    formset = ProcessStepFormSet
    extra = 0
    fields = ["order", "name", "role", "unit", "hours"]
    autocomplete_fields = ["unit"]


class ProcedureAdminForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = ["code"]  # the admin's fieldsets add the others

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if self.instance.pk is None and Procedure.objects.filter(code=code).exists():
            raise ValidationError(
                _("Thủ tục mã này đã có; chọn nó trong danh sách và dùng “Tạo phiên bản mới”.")
            )
        return code


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    form = ProcedureAdminForm
    inlines = [ComponentInline, FeeInline, ProcessStepInline]
    list_display = [
        "code",
        "version",
        "name",
        "field",
        "status",
        "complete",
        "missing",
        "valid_from",
        "valid_until",
        "is_demo_filled",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["status", "field", "level", "online_level", "online_payment", "is_demo_filled"]
    search_fields = ["code", "name"]
    filter_horizontal = ["assigned_officers"]
    autocomplete_fields = ["handling_unit"]
    actions = ["make_new_version", "publish", "retire"]
    always_readonly = ["version", "status", "valid_from", "valid_until", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "version",
                    "status",
                    "valid_from",
                    "valid_until",
                    "name",
                    "field",
                    "level",
                    "handling_unit",
                ]
            },
        ),
        (
            _("Cách thức, trình tự"),
            {
                "fields": [
                    "accepts_direct",
                    "accepts_postal",
                    "accepts_online",
                    "online_level",
                    "online_payment",
                    "steps_text",
                    "applicants",
                    "legal_basis",
                ]
            },
        ),
        (
            _("Thời hạn, kết quả"),
            {
                "fields": [
                    "time_limit_days",
                    "online_time_limit_days",
                    "cutoff_time",
                    "time_limit_text",
                    "result_type",
                    "result_name",
                    "result_document_type",
                ]
            },
        ),
        (
            _("Phân công, nguồn"),
            {
                "fields": [
                    "assigned_officers",
                    "sources",
                    "is_demo_filled",
                    "demo_notes",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Procedure]:
        return (
            super()
            .get_queryset(request)
            .select_related("field", "level", "handling_unit")
            .prefetch_related("components")
        )

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        # Also match without diacritics: "cap ban sao" finds "Cấp bản sao ...".
        result, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if words:
            folded = queryset
            for word in words:
                folded = folded.filter(search_text__contains=word)
            result = result | folded
        return result, may_have_duplicates

    def get_readonly_fields(self, request: HttpRequest, obj: Procedure | None = None) -> list[str]:
        if obj is not None and not obj.is_editable:
            return [
                f.name
                for f in Procedure._meta.get_fields()
                if f.concrete and f.name not in {"id", "search_text"}
            ]
        if obj is not None:  # a version keeps its code; a new code is a new procedure
            return [*self.always_readonly, "code"]
        return list(self.always_readonly)

    def formfield_for_manytomany(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "assigned_officers":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                role__in=STAFF_ROLES, is_active=True
            ).order_by("full_name", "username")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Procedure | None = None) -> bool:
        # Published and retired versions are history: dossiers point at them.
        if obj is not None and not obj.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request: HttpRequest, obj: Procedure, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        if change and not Procedure.objects.get(pk=obj.pk).is_editable:
            return
        super().save_model(request, obj, form, change)

    @admin.display(boolean=True, description=_("đủ 7 bộ phận"))
    def complete(self, procedure: Procedure) -> bool:
        return procedure.is_complete

    @admin.display(description=_("bộ phận còn thiếu"))
    def missing(self, procedure: Procedure) -> str:
        return ", ".join(part_labels(procedure.missing_parts)) or "—"

    def _run(self, request: HttpRequest, queryset: QuerySet[Procedure], action, done: str) -> None:  # type: ignore[no-untyped-def]
        count = 0
        for procedure in queryset.order_by("code", "version"):
            try:
                action(procedure=procedure)
            except DomainError as exc:
                self.message_user(
                    request, f"{procedure.code} v{procedure.version}: {exc.message}", messages.ERROR
                )
            else:
                count += 1
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Tạo phiên bản mới"))
    def make_new_version(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> None:
        self._run(
            request,
            queryset,
            services.procedure_new_version,
            gettext("Đã tạo %(count)d bản dự thảo mới."),
        )

    @admin.action(description=_("Công bố"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> None:
        self._run(
            request, queryset, services.procedure_publish, gettext("Đã công bố %(count)d thủ tục.")
        )

    @admin.action(description=_("Bãi bỏ (ngừng áp dụng)"))
    def retire(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> None:
        self._run(
            request, queryset, services.procedure_retire, gettext("Đã bãi bỏ %(count)d thủ tục.")
        )
