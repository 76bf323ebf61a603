"""Input and output shapes of the calendar API, with Vietnamese messages naming the field."""

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.core.clock import VIETNAM_TZ
from motcua.workdays.selectors import DayKind

MAX_WORKING_DAYS = Decimal(3650)
# Years the API accepts: wide enough for any real dossier, and far enough inside the
# clock's range that 3650 working days from the last one still fit.
MIN_YEAR = 1990
MAX_YEAR = 2100

# In a query string an unescaped "+" arrives as a space: "...T10:00:00 07:00".
_SPACED_OFFSET = re.compile(r"^(?P<instant>.*\d) (?P<offset>\d{2}(:?\d{2})?)$")


def parse_instant(value: str) -> datetime:
    """An ISO 8601 instant that must carry its UTC offset (or Z)."""
    text = value.strip()
    match = _SPACED_OFFSET.match(text)
    if match and "T" in text:
        text = f"{match['instant']}+{match['offset']}"
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise serializers.ValidationError(
            _("Thời điểm bắt đầu không đúng định dạng ISO 8601, ví dụ 2026-03-27T08:00:00+07:00.")
        ) from None
    if instant.tzinfo is None:
        raise serializers.ValidationError(
            _("Thời điểm bắt đầu phải có múi giờ, ví dụ 2026-03-27T08:00:00+07:00.")
        )
    if not MIN_YEAR <= instant.year <= MAX_YEAR:
        raise serializers.ValidationError(
            _("Thời điểm bắt đầu phải trong các năm %(min)s–%(max)s.")
            % {"min": MIN_YEAR, "max": MAX_YEAR}
        )
    return instant


class DueInputSerializer(serializers.Serializer):
    start = serializers.CharField(
        help_text=_(
            "Thời điểm tiếp nhận, ISO 8601 có múi giờ, ví dụ 2026-03-27T08:00:00+07:00 "
            "(viết dấu + là %2B trong URL)."
        ),
        error_messages={
            "required": _("Thiếu thời điểm bắt đầu (start)."),
            "blank": _("Thiếu thời điểm bắt đầu (start)."),
        },
    )
    working_days = serializers.CharField(
        required=False,
        help_text=_("Số ngày làm việc (có thể lẻ, ví dụ 0.5), từ 0 đến 3650."),
    )
    procedure = serializers.CharField(
        required=False,
        max_length=64,
        help_text=_("Mã thủ tục: dùng thời hạn và giờ chốt nhận của thủ tục đó."),
        error_messages={"max_length": _("Mã thủ tục quá dài.")},
    )

    def validate_start(self, value: str) -> datetime:
        return parse_instant(value)

    def validate_working_days(self, value: str) -> Decimal:
        text = value.strip()
        try:
            days = Decimal(text) if len(text) <= 20 else None
        except InvalidOperation:
            days = None
        if days is None or not days.is_finite():
            raise serializers.ValidationError(
                _("Số ngày làm việc phải là một số, ví dụ 5 hoặc 0.5.")
            )
        if days < 0:
            raise serializers.ValidationError(_("Số ngày làm việc không được âm."))
        if days > MAX_WORKING_DAYS:
            raise serializers.ValidationError(
                _("Số ngày làm việc không được quá %(max)s.") % {"max": MAX_WORKING_DAYS}
            )
        return days

    def validate(self, attrs: dict) -> dict:
        has_days = "working_days" in attrs
        has_procedure = bool(attrs.get("procedure", "").strip())
        if has_days and has_procedure:
            raise serializers.ValidationError(
                {"working_days": _("Chỉ dùng một trong hai: số ngày làm việc hoặc mã thủ tục.")}
            )
        if not has_days and not has_procedure:
            raise serializers.ValidationError(
                {
                    "working_days": _(
                        "Cần số ngày làm việc (working_days) hoặc mã thủ tục (procedure)."
                    )
                }
            )
        return attrs


class DueOutputSerializer(serializers.Serializer):
    due = serializers.DateTimeField(
        help_text=_("Hạn trả kết quả, giờ Việt Nam (+07:00)."), default_timezone=VIETNAM_TZ
    )


class CalendarDayOutputSerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    weekday = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=DayKind.choices)
    kind_label = serializers.SerializerMethodField()
    is_working = serializers.BooleanField()
    name = serializers.CharField()

    def get_weekday(self, obj) -> int:  # type: ignore[no-untyped-def]
        return obj.day.weekday()

    def get_kind_label(self, obj) -> str:  # type: ignore[no-untyped-def]
        return str(DayKind(obj.kind).label)


class YearCalendarOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    working_days = serializers.IntegerField(help_text=_("Số ngày làm việc trong năm."))
    days = CalendarDayOutputSerializer(
        many=True, help_text=_("Ngày nghỉ lễ, ngày làm bù và ngày điều chỉnh của địa phương.")
    )
