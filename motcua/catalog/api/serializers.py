"""Output shapes of the public catalog API."""

from django.urls import reverse
from rest_framework import serializers

from motcua.catalog.models import (
    Field,
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcessStep,
)


class FieldOutputSerializer(serializers.ModelSerializer):
    procedure_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Field
        fields = ["code", "name", "procedure_count"]


class FieldRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Field
        fields = ["code", "name"]


class FeeOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcedureFee
        fields = ["name", "amount", "online_amount", "note"]


class ComponentOutputSerializer(serializers.ModelSerializer):
    form_template_url = serializers.SerializerMethodField()

    class Meta:
        model = ProcedureComponent
        fields = [
            "id",
            "order",
            "name",
            "copies_original",
            "copies_copy",
            "note",
            "is_required",
            "source",
            "database_name",
            "database_agency",
            "database_legal_basis",
            "form_template_url",
        ]

    def get_form_template_url(self, component: ProcedureComponent) -> str | None:
        if not component.form_template:
            return None
        url = reverse(
            "catalog:form-download",
            kwargs={"code": component.procedure.code, "component_id": component.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ProcessStepOutputSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", default=None, allow_null=True)
    hours = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=False)

    class Meta:
        model = ProcessStep
        fields = ["order", "name", "role", "unit", "hours"]


_DAYS = {"max_digits": 5, "decimal_places": 1, "coerce_to_string": False}


class ProcedureListOutputSerializer(serializers.ModelSerializer):
    field = FieldRefSerializer()
    time_limit_days = serializers.DecimalField(**_DAYS, allow_null=True)
    fees = FeeOutputSerializer(many=True)

    class Meta:
        model = Procedure
        fields = [
            "code",
            "version",
            "name",
            "field",
            "time_limit_days",
            "fees",
            "online_level",
            "online_payment",
        ]


class ProcedureDetailOutputSerializer(serializers.ModelSerializer):
    field = FieldRefSerializer()
    level = serializers.CharField(source="level.name")
    handling_unit = serializers.CharField(source="handling_unit.name")
    handling_unit_code = serializers.CharField(source="handling_unit.code")
    steps = serializers.ListField(child=serializers.CharField())
    time_limit_days = serializers.DecimalField(**_DAYS, allow_null=True)
    online_time_limit_days = serializers.DecimalField(**_DAYS, allow_null=True)
    components = ComponentOutputSerializer(many=True)
    fees = FeeOutputSerializer(many=True)
    process_steps = ProcessStepOutputSerializer(many=True)
    missing_parts = serializers.ListField(child=serializers.CharField())
    sources = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Procedure
        fields = [
            "code",
            "version",
            "status",
            "valid_from",
            "valid_until",
            "name",
            "field",
            "level",
            "handling_unit",
            "handling_unit_code",
            "legal_basis",
            "steps",
            "accepts_direct",
            "accepts_postal",
            "accepts_online",
            "time_limit_days",
            "online_time_limit_days",
            "cutoff_time",
            "time_limit_text",
            "applicants",
            "result_type",
            "result_name",
            "online_level",
            "online_payment",
            "components",
            "fees",
            "process_steps",
            "missing_parts",
            "is_demo_filled",
            "demo_notes",
            "sources",
        ]
