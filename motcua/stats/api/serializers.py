"""Explicit output shape of the II.06a statistics API (OpenAPI via drf-spectacular)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.stats.selectors import receiving_unit_name


class StatisticsCountsSerializer(serializers.Serializer):
    """The form's columns (3) to (13), then (14): ended without a result in the period."""

    received_total = serializers.IntegerField(help_text="(3) = (4) + (5) + (6)")
    received_online = serializers.IntegerField(help_text="(4) nhận trong kỳ, trực tuyến")
    received_direct_postal = serializers.IntegerField(
        help_text="(5) nhận trong kỳ, trực tiếp hoặc bưu chính"
    )
    carried_over = serializers.IntegerField(help_text="(6) từ kỳ trước chuyển qua")
    resolved_total = serializers.IntegerField(help_text="(7) = (8) + (9) + (10)")
    resolved_early = serializers.IntegerField(help_text="(8) trước hạn")
    resolved_on_time = serializers.IntegerField(help_text="(9) đúng hạn")
    resolved_late = serializers.IntegerField(help_text="(10) quá hạn")
    in_progress_total = serializers.IntegerField(help_text="(11) = (12) + (13), ở cuối kỳ")
    in_progress_within = serializers.IntegerField(help_text="(12) trong hạn")
    in_progress_overdue = serializers.IntegerField(help_text="(13) quá hạn")
    ended_unresolved = serializers.IntegerField(
        help_text="(14) không được tiếp nhận, rút, dừng giải quyết trong kỳ; "
        "(3) = (7) + (11) + (14)"
    )


class StatisticsRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class StatisticsUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    code = serializers.CharField()


class StatisticsPeriodSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["month", "quarter", "year", "custom"])
    label = serializers.CharField()
    start = serializers.DateField(help_text="Ngày đầu kỳ")
    end = serializers.DateField(help_text="Ngày cuối kỳ (tính cả ngày này)")
    year = serializers.IntegerField(allow_null=True)
    number = serializers.IntegerField(allow_null=True, help_text="Tháng 1–12 hoặc quý 1–4")


class StatisticsFieldRowSerializer(serializers.Serializer):
    field = serializers.SerializerMethodField()
    counts = StatisticsCountsSerializer()

    @extend_schema_field(StatisticsRefSerializer)
    def get_field(self, line) -> dict:  # type: ignore[no-untyped-def]
        return {"id": line.field_id, "name": line.field_name}


class StatisticsUnitRowSerializer(serializers.Serializer):
    unit = serializers.SerializerMethodField()
    counts = StatisticsCountsSerializer()
    fields = StatisticsFieldRowSerializer(many=True)

    @extend_schema_field(StatisticsRefSerializer)
    def get_unit(self, block) -> dict:  # type: ignore[no-untyped-def]
        return {"id": block.unit_id, "name": block.unit_name}


class StatisticsII06aOutputSerializer(serializers.Serializer):
    unit = StatisticsUnitSerializer(help_text="Đơn vị báo cáo (gồm cả các đơn vị trực thuộc)")
    receiving_unit = serializers.SerializerMethodField(help_text="Đơn vị nhận báo cáo")
    period = StatisticsPeriodSerializer()
    unit_count = serializers.IntegerField(help_text="Số đơn vị trong phạm vi báo cáo")
    until = serializers.DateTimeField(
        help_text="Số liệu tính đến: cuối kỳ, hoặc thời điểm hỏi khi kỳ chưa kết thúc"
    )
    complete = serializers.BooleanField(help_text="Kỳ báo cáo đã kết thúc")
    by_field = StatisticsFieldRowSerializer(many=True, help_text="Theo lĩnh vực (mẫu II.06a)")
    by_unit = StatisticsUnitRowSerializer(
        many=True, help_text="Theo đơn vị có hồ sơ trong kỳ, mỗi đơn vị theo lĩnh vực"
    )
    total = StatisticsCountsSerializer()
    reconciles = serializers.BooleanField(help_text="Các đẳng thức của mẫu đều đúng")

    def get_receiving_unit(self, report) -> str:  # type: ignore[no-untyped-def]
        return receiving_unit_name(report.unit)
