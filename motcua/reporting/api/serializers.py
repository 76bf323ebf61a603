"""Explicit input and output shapes of the reporting API (OpenAPI via drf-spectacular)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.reporting.models import (
    DataField,
    DataTable,
    OutlineSection,
    Plan,
    PlanTask,
    Report,
    ReportAttachment,
    ReportEvent,
    ReportPeriod,
    ReportType,
    TaskEvidence,
    TaskStatus,
    TaskUpdate,
)
from motcua.reporting.periods import Frequency
from motcua.reporting.selectors import stored_value
from motcua.reporting.workflow import ReportStatus


def json_value(value: Any) -> Any:
    """A stored value as JSON: decimals as text without trailing zeros, dates ISO."""
    if isinstance(value, Decimal):
        normalized = value.normalize()
        if normalized == normalized.to_integral_value():
            normalized = normalized.quantize(Decimal(1))
        return f"{normalized:f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


class ReportUnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


# --- report types ------------------------------------------------------------------------


class ReportDataFieldOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataField
        fields = [
            "code",
            "label",
            "kind",
            "unit_label",
            "required",
            "min_value",
            "max_value",
            "choices",
            "sum_of",
            "aggregate",
            "dossier_metric",
            "help_text",
        ]


class ReportDataTableOutputSerializer(serializers.ModelSerializer):
    fields = ReportDataFieldOutputSerializer(many=True)  # type: ignore[assignment]

    class Meta:
        model = DataTable
        fields = ["title", "fields"]


class ReportOutlineSectionOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutlineSection
        fields = ["code", "title", "guidance", "required"]


class ReportTypeListOutputSerializer(serializers.ModelSerializer):
    receiver = ReportUnitRefSerializer()
    frequency = serializers.ChoiceField(choices=Frequency.choices)

    class Meta:
        model = ReportType
        fields = ["id", "code", "name", "frequency", "receiver"]


class ReportTypeDetailOutputSerializer(ReportTypeListOutputSerializer):
    tables = ReportDataTableOutputSerializer(many=True)
    sections = ReportOutlineSectionOutputSerializer(many=True)
    upward_receiver = ReportUnitRefSerializer(allow_null=True)
    reporter_categories = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    reporter_units = ReportUnitRefSerializer(many=True)

    class Meta(ReportTypeListOutputSerializer.Meta):
        fields = [
            *ReportTypeListOutputSerializer.Meta.fields,
            "content",
            "legal_basis",
            "guidance",
            "channel",
            "reporter_categories",
            "reporter_units",
            "deadline_rule",
            "deadline_day",
            "deadline_month",
            "day_off_shift",
            "upward_receiver",
            "upward_deadline_rule",
            "upward_deadline_day",
            "upward_deadline_month",
            "remind_days_before",
            "remind_overdue",
            "tables",
            "sections",
        ]


class ReportPeriodsGenerateInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class ReportPeriodOutputSerializer(serializers.ModelSerializer):
    report_type = serializers.CharField(source="report_type.name")
    report_type_id = serializers.IntegerField()
    label = serializers.CharField()

    class Meta:
        model = ReportPeriod
        fields = [
            "id",
            "report_type_id",
            "report_type",
            "label",
            "year",
            "number",
            "starts_on",
            "ends_on",
            "deadline",
            "upward_deadline",
        ]


class ReportOwnPeriodOutputSerializer(serializers.Serializer):
    period = ReportPeriodOutputSerializer()
    unit = ReportUnitRefSerializer()
    report_id = serializers.IntegerField(allow_null=True, source="report.pk", default=None)
    status = serializers.CharField(help_text="draft, submitted, returned; rỗng: chưa lập.")
    overdue = serializers.BooleanField()


class ReportReceivedPeriodOutputSerializer(ReportPeriodOutputSerializer):
    submitted_count = serializers.IntegerField(allow_null=True)

    class Meta(ReportPeriodOutputSerializer.Meta):
        fields = [*ReportPeriodOutputSerializer.Meta.fields, "submitted_count"]


# --- reports -----------------------------------------------------------------------------


class ReportOpenInputSerializer(serializers.Serializer):
    unit = serializers.IntegerField(
        required=False, help_text="Đơn vị báo cáo, khi người dùng thuộc nhiều đơn vị."
    )


class ReportValuesInputSerializer(serializers.Serializer):
    values = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        default=dict,
        help_text='Số liệu theo mã chỉ tiêu, ví dụ {"ho_so_tiep_nhan": 12, "ty_le": "95,5"}.',
    )
    sections = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        required=False,
        default=dict,
        help_text="Nội dung các mục đề cương theo mã mục.",
    )


class ReportReturnInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, help_text="Lý do trả lại để chỉnh sửa.")


class ReportAttachmentsInputSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        help_text="Tệp PDF, JPEG, PNG, DOCX hoặc XLSX (xét theo nội dung tệp).",
    )


class ReportAttachmentOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField()

    class Meta:
        model = ReportAttachment
        fields = ["id", "name", "size", "content_type", "sha256", "uploaded_at", "url"]

    def get_url(self, row: ReportAttachment) -> str:
        return reverse("report-attachment", args=[row.report_id, row.pk])


class ReportEventOutputSerializer(serializers.ModelSerializer):
    action_name = serializers.CharField(source="get_action_display")
    actor = serializers.CharField(source="actor_name")

    class Meta:
        model = ReportEvent
        fields = [
            "action",
            "action_name",
            "at",
            "actor",
            "from_status",
            "to_status",
            "note",
            "data",
        ]


class ReportOutputSerializer(serializers.ModelSerializer):
    period = ReportPeriodOutputSerializer()
    unit = ReportUnitRefSerializer()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    status_name = serializers.CharField(source="get_status_display")
    values = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    attachments = ReportAttachmentOutputSerializer(many=True)
    history = ReportEventOutputSerializer(many=True, source="events")

    class Meta:
        model = Report
        fields = [
            "id",
            "period",
            "unit",
            "status",
            "status_name",
            "late",
            "first_submitted_at",
            "submitted_at",
            "returned_at",
            "return_reason",
            "values",
            "sections",
            "attachments",
            "history",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {"type": "string", "nullable": True},
            "description": "Số liệu theo mã chỉ tiêu (số dạng chuỗi, ngày dạng ISO).",
        }
    )
    def get_values(self, report: Report) -> dict[str, Any]:
        return {row.field.code: json_value(stored_value(row)) for row in report.values.all()}

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_sections(self, report: Report) -> dict[str, str]:
        return {row.section.code: row.text for row in report.texts.all()}


# --- board and consolidation --------------------------------------------------------------


class ReportBoardCountsSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    submitted = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    returned = serializers.IntegerField()
    missing = serializers.IntegerField()


class ReportBoardRowSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField()
    category = serializers.CharField()
    report_id = serializers.IntegerField(allow_null=True)
    state = serializers.ChoiceField(
        choices=["on_time", "late", "returned", "draft", "missing"],
        help_text="on_time, late: đã nộp; returned: trả lại; draft, missing: chưa nộp.",
    )
    state_label = serializers.CharField()
    first_submitted_at = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    return_reason = serializers.CharField()


class ReportBoardOutputSerializer(serializers.Serializer):
    period = ReportPeriodOutputSerializer()
    counts = ReportBoardCountsSerializer()
    rows = ReportBoardRowSerializer(many=True)


class ReportRemindOutputSerializer(serializers.Serializer):
    units = serializers.IntegerField(help_text="Số đơn vị được nhắc.")


class ConsolidatedFieldSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    table = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.CharField()
    aggregate = serializers.CharField()
    source = serializers.ChoiceField(choices=["units", "dossiers"])
    value = serializers.CharField(allow_null=True, help_text="Số dạng chuỗi, ví dụ 12.5")
    count = serializers.IntegerField(help_text="Số đơn vị có số liệu.")
    by_category = serializers.DictField(child=serializers.CharField(allow_null=True))


class ConsolidatedSectionEntrySerializer(serializers.Serializer):
    unit = serializers.CharField()
    text = serializers.CharField()


class ConsolidatedSectionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    entries = ConsolidatedSectionEntrySerializer(many=True)


class ConsolidatedCategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    units = serializers.IntegerField()


class ConsolidatedUnitSerializer(serializers.Serializer):
    unit = serializers.CharField()
    category = serializers.CharField()
    submitted_at = serializers.CharField(allow_null=True)
    late = serializers.BooleanField()
    values = serializers.DictField(child=serializers.CharField(allow_null=True))


class ConsolidatedPeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    report_type = serializers.CharField()
    report_type_code = serializers.CharField()
    label = serializers.CharField()
    year = serializers.IntegerField()
    number = serializers.IntegerField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    deadline = serializers.DateField()
    upward_deadline = serializers.DateField(allow_null=True)


class ConsolidatedDocumentSerializer(serializers.Serializer):
    number = serializers.CharField(allow_blank=True)
    place = serializers.CharField(allow_blank=True)
    signer_title = serializers.CharField(allow_blank=True)
    signer_name = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)


class ConsolidatedReportingUnitSerializer(ReportUnitRefSerializer):
    parent = serializers.CharField(allow_blank=True)


class ConsolidatedOutputSerializer(serializers.Serializer):
    period = ConsolidatedPeriodSerializer()
    reporting_unit = ConsolidatedReportingUnitSerializer()
    receiver = ReportUnitRefSerializer(allow_null=True)
    status = serializers.ChoiceField(choices=["draft", "submitted"])
    submitted_at = serializers.CharField(allow_null=True)
    late = serializers.BooleanField(allow_null=True)
    document = ConsolidatedDocumentSerializer()
    units = ReportBoardCountsSerializer()
    categories = ConsolidatedCategorySerializer(many=True)
    fields = ConsolidatedFieldSerializer(many=True)  # type: ignore[assignment]
    sections = ConsolidatedSectionSerializer(many=True)
    per_unit = ConsolidatedUnitSerializer(many=True)


class ConsolidatedDocumentInputSerializer(serializers.Serializer):
    document_number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    place = serializers.CharField(max_length=100, required=False, allow_blank=True)
    signer_title = serializers.CharField(max_length=100, required=False, allow_blank=True)
    signer_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=20000, required=False, allow_blank=True)


# --- plans -------------------------------------------------------------------------------


class PlanImportInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60, help_text="Ví dụ 306/KH-GDĐT.")
    title = serializers.CharField(max_length=500)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    issued_on = serializers.DateField(required=False, allow_null=True)
    unit = serializers.IntegerField(
        required=False, help_text="Cơ quan ban hành (mặc định: đơn vị của bạn)."
    )
    file = serializers.FileField(use_url=False, help_text="Phụ lục nhiệm vụ, tệp .xlsx.")


class PlanOutputSerializer(serializers.ModelSerializer):
    unit = ReportUnitRefSerializer()
    task_count = serializers.IntegerField(source="tasks.count")

    class Meta:
        model = Plan
        fields = ["id", "number", "title", "year", "unit", "issued_on", "task_count"]


class PlanTaskOutputSerializer(serializers.ModelSerializer):
    lead_unit = ReportUnitRefSerializer(allow_null=True)
    coordinating_units = ReportUnitRefSerializer(many=True)
    status = serializers.ChoiceField(choices=TaskStatus.choices)
    status_name = serializers.CharField(source="get_status_display")
    overdue = serializers.BooleanField()

    class Meta:
        model = PlanTask
        fields = [
            "id",
            "number",
            "content",
            "lead_unit",
            "lead_unit_name",
            "coordinating_units",
            "coordinating_text",
            "starts_on",
            "ends_on",
            "expected_product",
            "status",
            "status_name",
            "percent",
            "overdue",
            "updated_at",
        ]


class PlanOverviewRowSerializer(serializers.Serializer):
    lead_unit_id = serializers.IntegerField(allow_null=True)
    lead_unit = serializers.CharField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    overdue = serializers.IntegerField()
    average_percent = serializers.FloatField()


class PlanDetailOutputSerializer(PlanOutputSerializer):
    tasks = serializers.SerializerMethodField()
    overview = serializers.SerializerMethodField()

    class Meta(PlanOutputSerializer.Meta):
        fields = [*PlanOutputSerializer.Meta.fields, "tasks", "overview"]

    @extend_schema_field(PlanTaskOutputSerializer(many=True))
    def get_tasks(self, plan: Plan) -> list[dict]:
        return PlanTaskOutputSerializer(self.context["tasks"], many=True).data

    @extend_schema_field(PlanOverviewRowSerializer(many=True))
    def get_overview(self, plan: Plan) -> list[dict]:
        return PlanOverviewRowSerializer(self.context["overview"], many=True).data


class TaskUpdateInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=TaskStatus.choices)
    percent = serializers.IntegerField(help_text="0–100.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        required=False,
        default=list,
        help_text="Minh chứng: PDF, JPEG, PNG, DOCX hoặc XLSX.",
    )


class TaskEvidenceOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField()

    class Meta:
        model = TaskEvidence
        fields = ["id", "name", "size", "content_type", "url"]

    def get_url(self, row: TaskEvidence) -> str:
        return reverse("plan-task-evidence", args=[row.update.task_id, row.pk])


class TaskUpdateOutputSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by_name")
    evidence = TaskEvidenceOutputSerializer(many=True)

    class Meta:
        model = TaskUpdate
        fields = ["id", "at", "by", "status", "percent", "note", "evidence"]


class PlanTaskDetailOutputSerializer(PlanTaskOutputSerializer):
    updates = TaskUpdateOutputSerializer(many=True, source="updates.all")
    plan_id = serializers.IntegerField()

    class Meta(PlanTaskOutputSerializer.Meta):
        fields = [*PlanTaskOutputSerializer.Meta.fields, "plan_id", "updates"]
