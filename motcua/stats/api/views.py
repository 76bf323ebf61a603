"""The II.06a statistics API: the same report as the page, as JSON or as the official xlsx or
docx. Errors are the project's JSON problem whatever `format=` says (DRF would otherwise read
`format` as a renderer choice)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.core import clock
from motcua.core.clock import local
from motcua.core.exceptions import InvalidInput
from motcua.dossiers.documents.api_views import FileApi
from motcua.stats import exports, layout, selectors
from motcua.stats.api.serializers import StatisticsII06aOutputSerializer
from motcua.stats.views.reports import file_response

API_FORMATS = ("json", *exports.FORMATS)


class II06aApi(FileApi):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="statistics_ii06a",
        summary="Tình hình, kết quả giải quyết TTHC (mẫu II.06a)",
        description=(
            "Số hồ sơ nhận (trực tuyến, trực tiếp hoặc bưu chính, từ kỳ trước chuyển qua), đã "
            "giải quyết (trước hạn, đúng hạn, quá hạn) và đang giải quyết (trong hạn, quá hạn) "
            "của đơn vị và các đơn vị trực thuộc trong kỳ, theo lĩnh vực và theo đơn vị. "
            "Dành cho cán bộ một cửa, chuyên viên, lãnh đạo và quản trị; chỉ các đơn vị của "
            "mình và cấp dưới."
        ),
        parameters=[
            OpenApiParameter(
                "unit", int, description="Mã số đơn vị; mặc định đơn vị đầu tiên của tài khoản."
            ),
            OpenApiParameter(
                "period", str, enum=["month", "quarter", "year", "custom"], default="year"
            ),
            OpenApiParameter("year", int, description="Năm (mặc định năm hiện tại)."),
            OpenApiParameter("number", int, description="Tháng 1–12 hoặc quý 1–4."),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Từ ngày (period=custom)."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Đến ngày (period=custom)."),
            OpenApiParameter("format", str, enum=list(API_FORMATS), default="json"),
        ],
        responses={
            (200, "application/json"): StatisticsII06aOutputSerializer,
            (200, exports.CONTENT_TYPES["xlsx"]): OpenApiTypes.BINARY,
            (200, exports.CONTENT_TYPES["docx"]): OpenApiTypes.BINARY,
            400: OpenApiResponse(description="Tham số không hợp lệ (errors nêu tên tham số)."),
            403: OpenApiResponse(description="Không phải cán bộ xử lý hồ sơ."),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        user = request.user
        selectors.require_may_view_statistics(user)
        at = clock.now()
        today = local(at).date()
        params = request.query_params
        fmt = (params.get("format") or "json").strip().lower()
        errors: dict[str, list[str]] = {}
        if fmt not in API_FORMATS:
            errors["format"] = [_("Tham số format chỉ nhận json, xlsx hoặc docx.")]
        try:
            wanted = selectors.ii06a_request(user, params, today=today)
        except InvalidInput as error:
            errors.update(error.errors)
        if errors:
            raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
        report = selectors.ii06a(wanted.unit, wanted.period, at=at)
        if fmt == "json":
            return Response(StatisticsII06aOutputSerializer(report).data)
        content = exports.ii06a_file(report, fmt, today=today)
        return file_response(content, fmt, layout.filename(report, fmt))
