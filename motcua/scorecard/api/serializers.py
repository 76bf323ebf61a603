"""Explicit output shapes of the index API (read-only: the index is computed, never written)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="month | quarter | year | custom")
    start = serializers.DateField(help_text="Ngày đầu kỳ.")
    end = serializers.DateField(help_text="Ngày cuối kỳ (tính cả ngày này).")
    label = serializers.CharField()


class PartSerializer(serializers.Serializer):
    label = serializers.CharField()
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    ratio = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class CriterionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã tiêu chí, ví dụ 2.1.")
    group = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField(help_text="Tử số, mẫu số và nguồn số liệu.")
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    ratio = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, help_text="Tỷ lệ (%)."
    )
    threshold = serializers.DecimalField(
        max_digits=5, decimal_places=2, help_text="Ngưỡng đạt điểm tối đa (%)."
    )
    points = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    max_points = serializers.DecimalField(max_digits=5, decimal_places=2)
    applicable = serializers.BooleanField()
    reason = serializers.CharField(help_text="Lý do không áp dụng; rỗng khi áp dụng.")
    is_assumption = serializers.BooleanField(help_text="Ngưỡng là giả định (ADR 0012).")
    parts = PartSerializer(
        many=True, help_text="Các tỷ lệ thành phần khi tỷ lệ không là một phân số (6.3)."
    )


class GroupSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    points = serializers.DecimalField(max_digits=6, decimal_places=2)
    max_points = serializers.DecimalField(
        max_digits=6, decimal_places=2, help_text="Tổng điểm tối đa của các tiêu chí áp dụng."
    )
    configured_max = serializers.DecimalField(max_digits=6, decimal_places=2)
    criteria = CriterionSerializer(many=True)


class TotalSerializer(serializers.Serializer):
    points = serializers.DecimalField(max_digits=6, decimal_places=2)
    max_points = serializers.DecimalField(max_digits=6, decimal_places=2)
    out_of_100 = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        allow_null=True,
        help_text="Điểm quy về thang 100 trên các tiêu chí áp dụng.",
    )


class AverageSerializer(serializers.Serializer):
    dossiers = serializers.IntegerField(help_text="Số hồ sơ giải quyết xong trong kỳ.")
    working_days = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        allow_null=True,
        help_text="Số ngày làm việc trung bình từ ngày tiếp nhận đến ngày giải quyết xong.",
    )


class IndexOutputSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    period = PeriodSerializer()
    as_of = serializers.DateTimeField(help_text="Hồ sơ đang xử lý được xét tại thời điểm này.")
    is_partial = serializers.BooleanField(help_text="Kỳ chưa kết thúc.")
    total = TotalSerializer()
    average = AverageSerializer()
    groups = GroupSerializer(many=True)


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class LossRowSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="dossier | procedure | feedback | answer_rating")
    id = serializers.IntegerField()
    reference = serializers.CharField(help_text="Mã hồ sơ, mã thủ tục hoặc mã phản ánh.")
    title = serializers.CharField()
    unit = serializers.CharField()
    at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    reasons = serializers.SerializerMethodField()

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, row) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
        return [{"code": code, "label": label} for code, label in row.reasons]


class LossPageSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = LossRowSerializer(many=True)
