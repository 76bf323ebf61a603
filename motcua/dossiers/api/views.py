from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status as http
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from motcua.accounts.models import Role
from motcua.core.clock import now
from motcua.core.exceptions import InvalidInput
from motcua.dossiers import selectors, services
from motcua.dossiers.api.pagination import FastPageNumberPagination
from motcua.dossiers.api.serializers import (
    ActionInputSerializer,
    DossierCreateInputSerializer,
    DossierDetailOutputSerializer,
    DossierListOutputSerializer,
    PublicDossierOutputSerializer,
)
from motcua.dossiers.workflow import Action, Status


def _statuses(raw: str) -> list[int]:
    if not raw:
        return []
    try:
        values = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        values = [0]
    if any(value not in Status.values for value in values):
        raise InvalidInput(
            _("status phải là mã trạng thái từ 1 đến 10, cách nhau bởi dấu phẩy."), field="status"
        )
    return values


def _flag(raw: str | None, name: str) -> bool:
    if raw in (None, "", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise InvalidInput(_("%(name)s chỉ nhận true hoặc false.") % {"name": name}, field=name)


class DossierListCreateApi(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = FastPageNumberPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, description="Mã trạng thái, ví dụ 2,4"),
            OpenApiParameter("procedure", str, description="Mã thủ tục"),
            OpenApiParameter("overdue", bool),
            OpenApiParameter("assignee", str, enum=["me"]),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: DossierListOutputSerializer(many=True)},
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        params = request.query_params
        assignee = params.get("assignee", "")
        if assignee not in ("", "me"):
            raise InvalidInput(_("assignee chỉ nhận giá trị me."), field="assignee")
        at = now()
        queryset = selectors.dossier_list(
            user=request.user,
            status=_statuses(params.get("status", "")),
            procedure=params.get("procedure", ""),
            overdue=_flag(params.get("overdue"), "overdue"),
            assignee_me=assignee == "me",
            now=at,
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        data = DossierListOutputSerializer(page, many=True, context={"now": at}).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        request=DossierCreateInputSerializer, responses={201: DossierDetailOutputSerializer}
    )
    def post(self, request):  # type: ignore[no-untyped-def]
        data = DossierCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if request.user.role == Role.OFFICER:
            if "applicant" not in values:
                raise InvalidInput(_("Vui lòng nhập thông tin người nộp."), field="applicant")
            dossier = services.dossier_register(
                officer=request.user,
                procedure_code=values["procedure"],
                channel=values.get("channel") or 1,
                applicant=values["applicant"],
                request=values["request"],
                uploads=values["components"],
            )
        else:
            if values.get("channel") not in (None, 2):
                raise InvalidInput(_("Người dân nộp hồ sơ trực tuyến (kênh 2)."), field="channel")
            dossier = services.dossier_submit(
                citizen=request.user,
                procedure_code=values["procedure"],
                request=values["request"],
                uploads=values["components"],
                applicant=values.get("applicant"),
            )
        dossier = selectors.dossier_detail_get(code=dossier.code, user=request.user)
        body = DossierDetailOutputSerializer(dossier, context={"now": now(), "request": request})
        return Response(body.data, status=http.HTTP_201_CREATED)


class DossierDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DossierDetailOutputSerializer})
    def get(self, request, code: str):  # type: ignore[no-untyped-def]
        dossier = selectors.dossier_detail_get(code=code, user=request.user)
        body = DossierDetailOutputSerializer(dossier, context={"now": now(), "request": request})
        return Response(body.data)


class DossierActionApi(APIView):
    """Take one action of the workflow: 409 when not allowed now, 403 when not yours."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ActionInputSerializer,
        responses={200: DossierDetailOutputSerializer},
        parameters=[
            OpenApiParameter(
                "action",
                str,
                OpenApiParameter.PATH,
                enum=[a.value for a in Action if a not in (Action.SUBMIT, Action.REGISTER)],
            )
        ],
    )
    def post(self, request, code: str, action: str):  # type: ignore[no-untyped-def]
        data = ActionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        files = values.pop("components")
        services.dossier_act(
            code=code,
            actor=request.user,
            action=action,
            data=services.ActionInput(**values, files=files),
        )
        dossier = selectors.dossier_detail_get(code=code, user=request.user)
        body = DossierDetailOutputSerializer(dossier, context={"now": now(), "request": request})
        return Response(body.data)


class PublicLookupThrottle(AnonRateThrottle):
    rate = "60/minute"


class PublicDossierApi(APIView):
    """Status of a dossier for anyone holding its code and the applicant's ID number or phone."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicLookupThrottle]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "id_number",
                OpenApiTypes.STR,
                required=True,
                description="Số định danh, mã số thuế hoặc số điện thoại",
            )
        ],
        responses={200: PublicDossierOutputSerializer},
    )
    def get(self, request, code: str):  # type: ignore[no-untyped-def]
        dossier = selectors.dossier_public_get(
            code=code, id_number=request.query_params.get("id_number", "")
        )
        return Response(PublicDossierOutputSerializer(dossier).data)
