"""Public calendar API: due dates by the working-day clock, and a year's special days."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.catalog import selectors as catalog_selectors
from motcua.core.exceptions import InvalidInput
from motcua.workdays import selectors
from motcua.workdays.api.serializers import (
    MAX_YEAR,
    MIN_YEAR,
    DueInputSerializer,
    DueOutputSerializer,
    YearCalendarOutputSerializer,
)


def _validated(serializer: DueInputSerializer) -> dict:
    """The serializer's data, or InvalidInput with each field's messages (first one shown)."""
    if serializer.is_valid():
        return serializer.validated_data
    errors = {
        field: [str(message) for message in messages]
        for field, messages in serializer.errors.items()
    }
    first = next(iter(errors.values()))
    raise InvalidInput(first[0], errors=errors)


class DueDateApi(APIView):
    """When a result is due: a start instant plus working days, or a procedure's time limit."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="calendar_due",
        summary="Tính hạn trả kết quả theo ngày làm việc",
        parameters=[DueInputSerializer],
        responses={
            200: DueOutputSerializer,
            400: OpenApiResponse(description="Tham số không hợp lệ (xem errors)."),
            404: OpenApiResponse(description="Không có thủ tục đang công bố với mã này."),
            422: OpenApiResponse(description="Thủ tục không quy định thời hạn giải quyết."),
        },
    )
    def get(self, request: Request) -> Response:
        data = _validated(DueInputSerializer(data=request.query_params))
        code = data.get("procedure", "").strip()
        if code:
            procedure = catalog_selectors.procedure_get(code=code)
            due = selectors.procedure_due_date(start=data["start"], procedure=procedure)
        else:
            due = selectors.due_date(start=data["start"], working_days=data["working_days"])
        return Response(DueOutputSerializer({"due": due}).data)


class YearCalendarApi(APIView):
    """The public holidays, swapped working days and local overrides of one year."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="calendar_year",
        summary="Ngày nghỉ, ngày làm bù trong năm",
        parameters=[
            OpenApiParameter("year", int, OpenApiParameter.PATH, description="Năm, ví dụ 2026.")
        ],
        responses={
            200: YearCalendarOutputSerializer,
            400: OpenApiResponse(description="Năm ngoài phạm vi hỗ trợ."),
        },
    )
    def get(self, request: Request, year: int) -> Response:
        if not MIN_YEAR <= year <= MAX_YEAR:
            message = _("Năm phải trong khoảng %(min)s–%(max)s.") % {
                "min": MIN_YEAR,
                "max": MAX_YEAR,
            }
            raise InvalidInput(message, field="year")
        calendar = selectors.get_work_calendar()
        days = selectors.year_calendar(year, calendar)
        body = {
            "year": year,
            "working_days": sum(1 for day in days if day.is_working),
            "days": [day for day in days if day.is_special],
        }
        return Response(YearCalendarOutputSerializer(body).data)
