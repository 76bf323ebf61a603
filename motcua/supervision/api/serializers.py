"""Explicit output shapes of the control room and procedure review API."""

from rest_framework import serializers

from motcua.feedback.workflow import Status as FeedbackStatus
from motcua.supervision.selectors import Flag, ScopeKind


class PeriodOutputSerializer(serializers.Serializer):
    # Not an enum in the schema: `kind` names other choice sets elsewhere.
    kind = serializers.CharField(help_text="month, quarter, year hoặc custom")
    start = serializers.DateField(help_text="Ngày đầu kỳ")
    end = serializers.DateField(help_text="Ngày cuối kỳ (tính cả ngày này)")
    label = serializers.CharField()


class FlagCountOutputSerializer(serializers.Serializer):
    flag = serializers.ChoiceField(choices=Flag.choices)
    label = serializers.CharField()
    help = serializers.CharField()
    count = serializers.IntegerField()


class WeekFlowOutputSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="Thứ Hai đầu tuần")
    end = serializers.DateField(help_text="Chủ nhật cuối tuần")
    received = serializers.IntegerField(help_text="Tiếp nhận (hoặc từ chối tiếp nhận) trong tuần")
    resolved = serializers.IntegerField(help_text="Giải quyết xong trong tuần")


class OnTimeShareOutputSerializer(serializers.Serializer):
    procedure = serializers.CharField(source="code")
    procedure_name = serializers.CharField(source="name")
    resolved = serializers.IntegerField()
    on_time = serializers.IntegerField(help_text="Trước hạn hoặc đúng hạn")
    late = serializers.IntegerField()
    share = serializers.DecimalField(max_digits=4, decimal_places=1, help_text="Phần trăm")


class ControlRoomOutputSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(
        choices=ScopeKind.choices,
        source="scope.kind",
        help_text="units: hồ sơ của các đơn vị; assigned: hồ sơ đang giao cho người hỏi",
    )
    at = serializers.DateTimeField(help_text="Thời điểm tính số liệu")
    period = PeriodOutputSerializer()
    weeks = serializers.IntegerField()
    counts = FlagCountOutputSerializer(many=True)
    feedback_overdue = serializers.IntegerField()
    weekly = WeekFlowOutputSerializer(many=True, help_text="Trống với phạm vi assigned")
    on_time = OnTimeShareOutputSerializer(many=True, help_text="Trống với phạm vi assigned")


class ThresholdsOutputSerializer(serializers.Serializer):
    late_min = serializers.DecimalField(max_digits=4, decimal_places=1, source="late_percent")
    supplement_min = serializers.DecimalField(
        max_digits=4, decimal_places=1, source="supplement_percent"
    )
    min_dossiers = serializers.IntegerField()


class IdleProcedureOutputSerializer(serializers.Serializer):
    procedure = serializers.CharField(source="code")
    procedure_name = serializers.CharField(source="name")
    field = serializers.CharField()
    unit = serializers.CharField()
    last_submitted_at = serializers.DateTimeField(allow_null=True)
    dossiers = serializers.IntegerField(help_text="Tổng số hồ sơ đã có")


class ProcedureRatesOutputSerializer(serializers.Serializer):
    procedure = serializers.CharField(source="code")
    procedure_name = serializers.CharField(source="name")
    resolved = serializers.IntegerField()
    late = serializers.IntegerField()
    late_rate = serializers.DecimalField(max_digits=4, decimal_places=1)
    supplemented = serializers.IntegerField(help_text="Bị yêu cầu bổ sung ít nhất một lần")
    supplement_rate = serializers.DecimalField(max_digits=4, decimal_places=1)
    violations = serializers.IntegerField(help_text="Bị yêu cầu bổ sung từ hai lần")


class ProposalOutputSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    procedure = serializers.CharField(source="procedure_code")
    procedure_name = serializers.CharField(source="procedure.name", default="")
    title = serializers.CharField()
    content = serializers.CharField()
    filed_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=FeedbackStatus.choices)
    unit = serializers.CharField(source="unit.name")


class ProcedureReviewOutputSerializer(serializers.Serializer):
    years = serializers.IntegerField()
    since = serializers.DateTimeField(help_text="Không có hồ sơ nộp từ thời điểm này")
    period = PeriodOutputSerializer()
    thresholds = ThresholdsOutputSerializer()
    idle = IdleProcedureOutputSerializer(many=True)
    rates = ProcedureRatesOutputSerializer(many=True)
    proposals = ProposalOutputSerializer(many=True)
