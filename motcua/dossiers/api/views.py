from datetime import datetime

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status as http
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from motcua.accounts.models import Role
from motcua.catalog.selectors import procedure_labels, process_step_labels
from motcua.core import clock
from motcua.core.clock import local
from motcua.core.exceptions import InvalidInput
from motcua.documents.downloads import dossier_file_response
from motcua.dossiers import rules, selectors, services
from motcua.dossiers.api.pagination import FastPageNumberPagination
from motcua.dossiers.api.serializers import (
    ActionInputSerializer,
    ComponentFileUploadInputSerializer,
    DossierCreateInputSerializer,
    DossierDetailOutputSerializer,
    DossierFileOutputSerializer,
    DossierPageOutputSerializer,
    DossierPapersOutputSerializer,
    PublicDossierOutputSerializer,
    ShownInputSerializer,
    ShownOutputSerializer,
    StoredDocumentAttachInputSerializer,
)
from motcua.dossiers.workflow import RULES, Status


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
        at = clock.now()
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
                reuses=values["stored_documents"],
            )
        else:
            if values.get("channel") not in (None, 2):
                raise InvalidInput(_("Người dân nộp hồ sơ trực tuyến (kênh 2)."), field="channel")
            dossier = services.dossier_submit(
                citizen=request.user,
                procedure_code=values["procedure"],
                request=values["request"],
                uploads=values["components"],
                reuses=values["stored_documents"],
                applicant=values.get("applicant"),
            )
        dossier = selectors.dossier_detail_get(code=dossier.code, user=request.user)
        body = DossierDetailOutputSerializer(
            dossier, context={"now": clock.now(), "request": request}
        )
        return Response(body.data, status=http.HTTP_201_CREATED)


class DossierDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DossierDetailOutputSerializer})
    def get(self, request, code: str):  # type: ignore[no-untyped-def]
        dossier = selectors.dossier_detail_get(code=code, user=request.user)
        body = DossierDetailOutputSerializer(
            dossier, context={"now": clock.now(), "request": request}
        )
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
                enum=[a.value for a in RULES],
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
        body = DossierDetailOutputSerializer(
            dossier, context={"now": clock.now(), "request": request}
        )
        return Response(body.data)


# --- the dossier's papers -----------------------------------------------------------------

_COMPONENT_PATH = [
    OpenApiParameter("component_id", int, OpenApiParameter.PATH, description="Mã thành phần")
]


class DossierPapersApi(APIView):
    """Each component of the dossier with its state (uploaded, digitized at the desk, reused
    from the data store, shown and not kept, from a database, missing) and its files."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={200: DossierPapersOutputSerializer}, operation_id="dossiers_components"
    )
    def get(self, request, code: str):  # type: ignore[no-untyped-def]
        dossier = selectors.dossier_get(code=code, user=request.user)
        papers = selectors.dossier_papers(dossier, request.user)
        body = DossierPapersOutputSerializer(
            {
                "has_digitized_components": dossier.has_digitized_components,
                "components": papers.components,
                "other_files": papers.other_files,
            },
            context={"dossier": dossier},
        )
        return Response(body.data)


class ComponentFileUploadApi(APIView):
    """Attach a file to a component: the one-stop officer while the dossier is open (a desk
    scan with `digitized=true`), the applicant while the dossier waits for their supplement.
    The type is read from the content; a refused file stores nothing."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ComponentFileUploadInputSerializer},
        responses={201: DossierFileOutputSerializer},
        parameters=_COMPONENT_PATH,
        operation_id="dossiers_components_files_create",
    )
    def post(self, request, code: str, component_id: int):  # type: ignore[no-untyped-def]
        data = ComponentFileUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        file = data.validated_data["file"]
        row = services.dossier_file_upload(
            code=code,
            actor=request.user,
            component_id=component_id,
            upload=services.Upload(component_id=component_id, file=file, name=file.name),
            digitized=data.validated_data["digitized"],
        )
        body = DossierFileOutputSerializer(row, context={"dossier": row.dossier})
        return Response(body.data, status=http.HTTP_201_CREATED)


class ComponentStoredDocumentApi(APIView):
    """Answer a component with a paper of the applicant's data store, by reference."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=StoredDocumentAttachInputSerializer,
        responses={201: DossierFileOutputSerializer},
        parameters=_COMPONENT_PATH,
        operation_id="dossiers_components_stored_document_create",
    )
    def post(self, request, code: str, component_id: int):  # type: ignore[no-untyped-def]
        data = StoredDocumentAttachInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.dossier_component_reuse(
            code=code,
            actor=request.user,
            component_id=component_id,
            stored_document_id=data.validated_data["stored_document"],
        )
        body = DossierFileOutputSerializer(row, context={"dossier": row.dossier})
        return Response(body.data, status=http.HTTP_201_CREATED)


class ComponentShownApi(APIView):
    """The one-stop officer records a paper shown at the desk and not kept."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ShownInputSerializer,
        responses={201: ShownOutputSerializer},
        parameters=_COMPONENT_PATH,
        operation_id="dossiers_components_shown_create",
    )
    def post(self, request, code: str, component_id: int):  # type: ignore[no-untyped-def]
        data = ShownInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shown = services.dossier_component_show(
            code=code,
            actor=request.user,
            component_id=component_id,
            note=data.validated_data["note"],
        )
        return Response(ShownOutputSerializer(shown).data, status=http.HTTP_201_CREATED)


class FileDownloadApi(APIView):
    """Base of the download endpoints: the file whatever the Accept header, errors as JSON."""

    permission_classes = [IsAuthenticated]

    def perform_content_negotiation(self, request, force=False):  # type: ignore[no-untyped-def]
        return super().perform_content_negotiation(request, force=True)


DOWNLOAD_RESPONSES = {
    (200, "application/octet-stream"): OpenApiResponse(
        OpenApiTypes.BINARY, description="Nội dung tệp (PDF, JPEG hoặc PNG)."
    ),
    404: OpenApiResponse(description="Không tìm thấy hoặc không có quyền xem."),
    409: OpenApiResponse(description="Tệp không khớp mã kiểm tra SHA-256 đã lưu; không trả."),
}


class DossierFileDownloadApi(FileDownloadApi):
    """A file of the dossier for its applicant or the staff of its units; the SHA-256 is
    checked (409 when the stored file changed) and the download logged."""

    @extend_schema(
        responses=DOWNLOAD_RESPONSES,
        parameters=[OpenApiParameter("file_id", int, OpenApiParameter.PATH)],
        operation_id="dossiers_files_download",
    )
    def get(self, request, code: str, file_id: int):  # type: ignore[no-untyped-def]
        return dossier_file_response(request, code=code, file_id=file_id)


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
