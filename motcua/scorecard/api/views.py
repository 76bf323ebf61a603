"""The Decision 766 index over the API: staff read their units' index and the rows that lost
points; anyone reads the public index (numbers only). Errors are the project's problem JSON."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from motcua.core.clock import local, now
from motcua.core.exceptions import InvalidInput
from motcua.core.periods import Period, period_from_params
from motcua.scorecard import selectors
from motcua.scorecard.api.serializers import IndexOutputSerializer, LossPageSerializer

PERIOD_PARAMETERS = [
    OpenApiParameter(
        "period",
        OpenApiTypes.STR,
        enum=["month", "quarter", "year", "custom"],
        description="Loại kỳ; mặc định year.",
    ),
    OpenApiParameter("year", OpenApiTypes.INT, description="Năm; mặc định năm nay."),
    OpenApiParameter("number", OpenApiTypes.INT, description="Tháng 1–12 hoặc quý 1–4."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Ngày đầu (period=custom)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Ngày cuối (period=custom)."),
]
UNIT = OpenApiParameter(
    "unit", OpenApiTypes.INT, description="id đơn vị (tính cả đơn vị trực thuộc)."
)


def _period(request: Request) -> Period:
    return period_from_params(request.query_params, today=local(now()).date())


class PublicIndexThrottle(SimpleRateThrottle):
    """Per client address: the public index is cached, but each new unit or period costs a
    database scan."""

    scope = "index766-public"
    rate = "60/minute"

    def get_cache_key(self, request, view):  # type: ignore[no-untyped-def]
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class IndexApi(APIView):
    """The index of a unit (and every unit below it) for a period: staff of those units."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="index766_retrieve",
        parameters=[UNIT, *PERIOD_PARAMETERS],
        responses={200: IndexOutputSerializer},
    )
    def get(self, request: Request) -> Response:
        unit = selectors.unit_for(
            request.user, selectors.unit_param(request.query_params.get("unit"))
        )
        index = selectors.index_for(unit, _period(request))
        return Response(IndexOutputSerializer(index).data)


class LossesApi(APIView):
    """The rows that cost a criterion its points, with why, 50 a page."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="index766_losses_list",
        parameters=[
            OpenApiParameter(
                "code",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Mã tiêu chí, ví dụ 2.1.",
            ),
            UNIT,
            *PERIOD_PARAMETERS,
            OpenApiParameter("page", OpenApiTypes.INT, description="Trang, từ 1."),
            OpenApiParameter(
                "page_size", OpenApiTypes.INT, description="Số dòng một trang (1–200, mặc định 50)."
            ),
        ],
        responses={200: LossPageSerializer},
    )
    def get(self, request: Request, code: str) -> Response:
        params = request.query_params
        unit = selectors.unit_for(request.user, selectors.unit_param(params.get("unit")))
        number = _positive(params.get("page"), "page", 1, None) or 1
        size = _positive(params.get("page_size"), "page_size", 1, 200) or 50
        losses = selectors.criterion_losses(unit, _period(request), code)
        page = selectors.losses_page(losses, number, per_page=size)
        if page.page.number != number:
            raise InvalidInput(_("Trang không tồn tại."), field="page")
        body = {
            "criterion": code,
            "count": page.page.paginator.count,
            "page": page.page.number,
            "pages": page.page.paginator.num_pages,
            "next": _page_url(request, page.page.number + 1) if page.page.has_next() else None,
            "previous": (
                _page_url(request, page.page.number - 1) if page.page.has_previous() else None
            ),
            "results": page.rows,
        }
        return Response(LossPageSerializer(body).data)


class PublicIndexApi(APIView):
    """The public index of any unit for a period: numbers only, no login."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicIndexThrottle]

    @extend_schema(
        operation_id="public_index766_retrieve",
        parameters=[UNIT, *PERIOD_PARAMETERS],
        responses={200: IndexOutputSerializer},
    )
    def get(self, request: Request) -> Response:
        unit = selectors.public_unit(selectors.unit_param(request.query_params.get("unit")))
        index = selectors.public_index(unit, _period(request))
        return Response(IndexOutputSerializer(index).data)


def _positive(raw: str | None, name: str, low: int, high: int | None) -> int | None:
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        limit = f"{low}–{high}" if high is not None else f"≥ {low}"
        raise InvalidInput(
            _("%(name)s phải là số nguyên %(limit)s.") % {"name": name, "limit": limit},
            field=name,
        )
    return value


def _page_url(request: Request, number: int) -> str:
    params = request.query_params.copy()
    params["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
