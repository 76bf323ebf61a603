"""The control room and the procedure review for programs: the same selectors and parameters
as the pages (`params`), errors as the project's problem JSON."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core import clock
from motcua.dossiers.api.pagination import FastPageNumberPagination
from motcua.dossiers.api.serializers import DossierPageOutputSerializer

# The staff queue's rows, built the same way (docs/decisions/0005-queue-throughput.md).
from motcua.dossiers.api.views import _LIST_COLUMNS, _list_rows
from motcua.supervision import selectors
from motcua.supervision.api.serializers import (
    ControlRoomOutputSerializer,
    ProcedureReviewOutputSerializer,
)
from motcua.supervision.params import (
    flag_param,
    period_param,
    review_params,
    weeks_param,
)
from motcua.supervision.selectors import Flag

PERIOD_PARAMETERS = [
    OpenApiParameter("period", str, enum=["month", "quarter", "year", "custom"]),
    OpenApiParameter("year", int),
    OpenApiParameter("number", int, description="Tháng (1–12) hoặc quý (1–4)"),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Ngày đầu kỳ tùy chọn"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Ngày cuối kỳ tùy chọn"),
]


class ControlRoomApi(APIView):
    """The control room's numbers and charts: for the head (and officers, administrators)
    the dossiers of their units; for a specialist the dossiers assigned to them (no charts).
    Each number's dossiers: `control-room/dossiers/?flag=...` with the same period."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("weeks", int, description="Số tuần của biểu đồ (1–52, mặc định 12)"),
        ],
        responses={200: ControlRoomOutputSerializer},
        operation_id="control_room_retrieve",
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        at = clock.now()
        room = selectors.control_room(
            selectors.control_room_scope(request.user),
            now=at,
            period=period_param(request.query_params, now=at),
            weeks=weeks_param(request.query_params),
        )
        return Response(ControlRoomOutputSerializer(room).data)


class ControlRoomDossiersApi(APIView):
    """The dossiers behind one number of the control room, in the queue's order and shape."""

    permission_classes = [IsAuthenticated]
    pagination_class = FastPageNumberPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("flag", str, enum=Flag.values, required=True),
            *PERIOD_PARAMETERS,
        ],
        responses={200: DossierPageOutputSerializer},
        operation_id="control_room_dossiers_list",
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        at = clock.now()
        scope = selectors.control_room_scope(request.user)
        flag = flag_param(request.query_params)
        period = period_param(request.query_params, now=at)
        context = selectors.FlagContext(now=at, period=period)
        queryset = selectors.flagged_dossiers(scope, flag, context).values(*_LIST_COLUMNS)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(_list_rows(page, now=at))


class ProcedureReviewApi(APIView):
    """The procedure review (plan 306, item 2.2): procedures idle for `years`, procedures whose
    dossiers resolved in the period were often late or supplemented, and the proposals to
    simplify procedures. For heads, specialists and administrators."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "years",
                int,
                description=(
                    "Số năm không phát sinh hồ sơ (1–20; mặc định "
                    "SUPERVISION_REVIEW_IDLE_YEARS, 3 nếu không cấu hình)"
                ),
            ),
            *PERIOD_PARAMETERS,
            OpenApiParameter(
                "late_min", float, description="Ngưỡng tỉ lệ trễ hạn, % (mặc định 10)"
            ),
            OpenApiParameter(
                "supplement_min", float, description="Ngưỡng tỉ lệ phải bổ sung, % (mặc định 20)"
            ),
            OpenApiParameter("min_dossiers", int, description="Số hồ sơ tối thiểu (mặc định 10)"),
        ],
        responses={200: ProcedureReviewOutputSerializer},
        operation_id="procedure_review_retrieve",
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        at = clock.now()
        selectors.require_review_access(request.user)
        params = review_params(request.query_params, now=at)
        review = selectors.procedure_review(
            request.user,
            years=params.years,
            period=params.period,
            thresholds=params.thresholds,
            now=at,
        )
        return Response(ProcedureReviewOutputSerializer(review).data)
