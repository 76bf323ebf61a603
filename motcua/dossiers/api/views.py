from datetime import datetime

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status as http
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from motcua.accounts.models import Role
from motcua.catalog.selectors import procedure_labels, process_step_labels
from motcua.core.clock import local, now
from motcua.core.exceptions import InvalidInput
from motcua.dossiers import rules, selectors, services
from motcua.dossiers.api.pagination import FastPageNumberPagination
from motcua.dossiers.api.serializers import (
    ActionInputSerializer,
    DossierCreateInputSerializer,
    DossierDetailOutputSerializer,
    DossierPageOutputSerializer,
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


_LIST_COLUMNS = (
    "code",
    "procedure_id",
    "status",
    "channel",
    "applicant_name",
    "submitted_at",
    "received_at",
    "due_at",
    "extended_due_at",
    "current_step_id",
    "step_due_at",
    "assignee__username",
    "multiple_supplements",
)


def _list_rows(rows: list[dict], *, now: datetime) -> list[dict]:
    """The queue rows as `DossierListOutputSerializer` describes them, built from plain
    values (the dossier's columns and the assignee's username); procedure and step labels come
    from the catalog's cache (published versions never change). A page of 50 costs one query,
    no model instances and no serializer fields (docs/decisions/0004-dossier-scale.md, 0005)."""
    names = {value: str(label) for value, label in Status.choices}
    procedures = procedure_labels({row["procedure_id"] for row in rows})
    steps = process_step_labels({row["current_step_id"] for row in rows})
    result = []
    for row in rows:
        due = row["extended_due_at"] or row["due_at"]
        code, name = procedures[row["procedure_id"]]
        step = None
        if row["current_step_id"] is not None:
            order, step_name, role = steps[row["current_step_id"]]
            step = {"order": order, "name": step_name, "role": role}
        result.append(
            {
                "code": row["code"],
                "procedure": code,
                "procedure_name": name,
                "status": row["status"],
                "status_name": names[row["status"]],
                "channel": row["channel"],
                "applicant_name": row["applicant_name"],
                "submitted_at": _iso(row["submitted_at"]),
                "received_at": _iso(row["received_at"]),
                "due_at": _iso(due),
                "overdue": rules.is_overdue(row["status"], due, now),
                "current_step": step,
                "step_due_at": _iso(row["step_due_at"]),
                "assignee": row["assignee__username"],
                "multiple_supplements": row["multiple_supplements"],
            }
        )
    return result


def _iso(value: datetime | None) -> str | None:
    return None if value is None else local(value).isoformat()


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
        responses={200: DossierPageOutputSerializer},
        operation_id="dossiers_list",
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
        page = paginator.paginate_queryset(queryset.values(*_LIST_COLUMNS), request, view=self)
        data = _list_rows(page, now=at)
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
