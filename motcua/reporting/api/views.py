"""The reporting API: thin views over `selectors` and `services`, with the same rules as the
pages (403 not yours to do, 404 not yours to see, 409 wrong state, 400 naming the field)."""

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status as http
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.clock import local, now
from motcua.core.exceptions import InvalidInput
from motcua.reporting import selectors, services
from motcua.reporting.api.serializers import (
    ConsolidatedDocumentInputSerializer,
    ConsolidatedOutputSerializer,
    PlanDetailOutputSerializer,
    PlanImportInputSerializer,
    PlanOutputSerializer,
    PlanTaskDetailOutputSerializer,
    ReportAttachmentOutputSerializer,
    ReportAttachmentsInputSerializer,
    ReportBoardOutputSerializer,
    ReportOpenInputSerializer,
    ReportOutputSerializer,
    ReportOwnPeriodOutputSerializer,
    ReportPeriodOutputSerializer,
    ReportPeriodsGenerateInputSerializer,
    ReportReceivedPeriodOutputSerializer,
    ReportRemindOutputSerializer,
    ReportReturnInputSerializer,
    ReportTypeDetailOutputSerializer,
    ReportTypeListOutputSerializer,
    ReportValuesInputSerializer,
    TaskUpdateInputSerializer,
    TaskUpdateOutputSerializer,
)
from motcua.reporting.downloads import serve_file
from motcua.reporting.exports import consolidated_docx, consolidated_xlsx

EXPORTS = {
    "docx": (
        consolidated_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        consolidated_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def _report_body(request, report_id: int) -> dict:  # type: ignore[no-untyped-def]
    report = selectors.report_detail_get(pk=report_id, user=request.user)
    return ReportOutputSerializer(report).data


# --- report types and periods ------------------------------------------------------------


class ReportTypeListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ReportTypeListOutputSerializer(many=True)})
    def get(self, request):  # type: ignore[no-untyped-def]
        types = selectors.report_types_visible_to(request.user)
        return Response(ReportTypeListOutputSerializer(types, many=True).data)


class ReportTypeDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ReportTypeDetailOutputSerializer})
    def get(self, request, pk: int):  # type: ignore[no-untyped-def]
        report_type = selectors.report_type_detail(
            selectors.report_type_get(pk=pk, user=request.user)
        )
        return Response(ReportTypeDetailOutputSerializer(report_type).data)


class ReportTypePeriodsApi(APIView):
    """A type's periods; POST generates a year's periods from its rules (idempotent)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ReportPeriodOutputSerializer(many=True)})
    def get(self, request, pk: int):  # type: ignore[no-untyped-def]
        report_type = selectors.report_type_get(pk=pk, user=request.user)
        periods = report_type.periods.select_related("report_type").order_by("year", "number")
        return Response(ReportPeriodOutputSerializer(periods, many=True).data)

    @extend_schema(
        request=ReportPeriodsGenerateInputSerializer,
        responses={201: ReportPeriodOutputSerializer(many=True)},
    )
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        report_type = selectors.report_type_get(pk=pk, user=request.user)
        data = ReportPeriodsGenerateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        periods = services.periods_generate(
            report_type_id=report_type.pk, year=data.validated_data["year"], actor=request.user
        )
        return Response(ReportPeriodOutputSerializer(periods, many=True).data, status=201)


class OwnPeriodListApi(APIView):
    """The periods the person's own units report for, with their report's state."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ReportOwnPeriodOutputSerializer(many=True)})
    def get(self, request):  # type: ignore[no-untyped-def]
        items = selectors.own_periods(request.user, today=local(now()).date())
        return Response(ReportOwnPeriodOutputSerializer(items, many=True).data)


class ReceivedPeriodListApi(APIView):
    """The periods the person's office receives (for the board and the consolidation)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ReportReceivedPeriodOutputSerializer(many=True)})
    def get(self, request):  # type: ignore[no-untyped-def]
        periods = selectors.received_periods(request.user, today=local(now()).date())
        return Response(ReportReceivedPeriodOutputSerializer(periods, many=True).data)


class PeriodReportApi(APIView):
    """Open (create the first time) the person's unit's report for a period."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReportOpenInputSerializer, responses={200: ReportOutputSerializer})
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        data = ReportOpenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_open(
            period_id=pk, actor=request.user, unit_id=data.validated_data.get("unit")
        )
        return Response(_report_body(request, report.pk))


# --- reports -----------------------------------------------------------------------------


class ReportDetailApi(APIView):
    """A report with its values, texts, files and history; PATCH saves a draft."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ReportOutputSerializer})
    def get(self, request, pk: int):  # type: ignore[no-untyped-def]
        return Response(_report_body(request, pk))

    @extend_schema(request=ReportValuesInputSerializer, responses={200: ReportOutputSerializer})
    def patch(self, request, pk: int):  # type: ignore[no-untyped-def]
        data = ReportValuesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_save(
            report_id=pk,
            actor=request.user,
            values=data.validated_data["values"],
            sections=data.validated_data["sections"],
        )
        return Response(_report_body(request, pk))


class ReportSubmitApi(APIView):
    """Submit (every rule checked; locked afterwards). Values given here are saved first."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReportValuesInputSerializer, responses={200: ReportOutputSerializer})
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        data = ReportValuesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_submit(
            report_id=pk,
            actor=request.user,
            values=data.validated_data["values"],
            sections=data.validated_data["sections"],
        )
        return Response(_report_body(request, pk))


class ReportReturnApi(APIView):
    """The receiving office returns a submitted report for correction, with a reason."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReportReturnInputSerializer, responses={200: ReportOutputSerializer})
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        data = ReportReturnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_return(
            report_id=pk, actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(_report_body(request, pk))


class ReportAttachmentsApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ReportAttachmentsInputSerializer},
        responses={201: ReportAttachmentOutputSerializer(many=True)},
    )
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        data = ReportAttachmentsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = services.report_attach(
            report_id=pk,
            actor=request.user,
            uploads=[services.Upload(f, f.name) for f in data.validated_data["files"]],
        )
        return Response(ReportAttachmentOutputSerializer(rows, many=True).data, status=201)


class ReportAttachmentApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk: int, attachment_id: int):  # type: ignore[no-untyped-def]
        row = selectors.attachment_get(report_id=pk, attachment_id=attachment_id, user=request.user)
        return serve_file(
            row.file, sha256=row.sha256, filename=row.original_name, content_type=row.content_type
        )

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int, attachment_id: int):  # type: ignore[no-untyped-def]
        services.report_detach(report_id=pk, attachment_id=attachment_id, actor=request.user)
        return Response(status=http.HTTP_204_NO_CONTENT)


# --- the receiving office -------------------------------------------------------------------


class BoardApi(APIView):
    """Which units submitted on time or late, which were returned, which are missing."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ReportBoardOutputSerializer})
    def get(self, request, pk: int):  # type: ignore[no-untyped-def]
        period = selectors.period_get(pk=pk, user=request.user)
        board = selectors.period_board(period, request.user)
        return Response(ReportBoardOutputSerializer(board).data)


class RemindMissingApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: ReportRemindOutputSerializer})
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        count = services.reminders_send_missing(period_id=pk, actor=request.user)
        return Response({"units": count})


class ConsolidatedApi(APIView):
    """The consolidated data, as the receiving office's system pulls it: frozen once sent
    (status submitted), the live consolidation before (status draft)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(responses={200: ConsolidatedOutputSerializer})
    def get(self, request, pk: int):  # type: ignore[no-untyped-def]
        period = selectors.period_get(pk=pk, user=request.user)
        return Response(selectors.consolidated_data(period, request.user))

    @extend_schema(
        request=ConsolidatedDocumentInputSerializer,
        responses={200: ConsolidatedOutputSerializer},
    )
    def patch(self, request, pk: int):  # type: ignore[no-untyped-def]
        data = ConsolidatedDocumentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.consolidated_save(period_id=pk, actor=request.user, document=data.validated_data)
        period = selectors.period_get(pk=pk, user=request.user)
        return Response(selectors.consolidated_data(period, request.user))


class ConsolidatedSubmitApi(APIView):
    """The head sends the consolidated report up to its receiver."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ConsolidatedDocumentInputSerializer,
        responses={200: ConsolidatedOutputSerializer},
    )
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        data = ConsolidatedDocumentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.consolidated_submit(period_id=pk, actor=request.user, document=data.validated_data)
        period = selectors.period_get(pk=pk, user=request.user)
        return Response(selectors.consolidated_data(period, request.user))


class ConsolidatedExportApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["docx", "xlsx"])],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Tệp docx hoặc xlsx."
            )
        },
    )
    def get(self, request, pk: int, fmt: str):  # type: ignore[no-untyped-def]
        return export_response(request, pk, fmt)


def export_response(request, pk: int, fmt: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The consolidated report as a docx or xlsx file (shared with the web page)."""
    if fmt not in EXPORTS:
        raise InvalidInput(_("Định dạng phải là docx hoặc xlsx."), field="fmt")
    period = selectors.period_get(pk=pk, user=request.user)
    build, content_type = EXPORTS[fmt]
    # An official document: Vietnamese whatever the language of the pages.
    with translation.override("vi"):
        content = build(selectors.consolidated_data(period, request.user))
    response = HttpResponse(content, content_type=content_type)
    name = f"bao-cao-tong-hop-{period.report_type.code}-{period.year}-{period.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- plans -------------------------------------------------------------------------------


class PlanListApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses={200: PlanOutputSerializer(many=True)})
    def get(self, request):  # type: ignore[no-untyped-def]
        plans = selectors.plans_visible_to(request.user)
        return Response(PlanOutputSerializer(plans, many=True).data)

    @extend_schema(
        request={"multipart/form-data": PlanImportInputSerializer},
        responses={201: PlanOutputSerializer},
    )
    def post(self, request):  # type: ignore[no-untyped-def]
        data = PlanImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        plan = services.plan_import(
            actor=request.user,
            number=values["number"],
            title=values["title"],
            year=values["year"],
            issued_on=values.get("issued_on"),
            unit_id=values.get("unit"),
            file=values["file"],
        )
        return Response(PlanOutputSerializer(plan).data, status=201)


class PlanDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PlanDetailOutputSerializer})
    def get(self, request, pk: int):  # type: ignore[no-untyped-def]
        plan = selectors.plan_get(pk=pk, user=request.user)
        today = local(now()).date()
        context = {
            "tasks": selectors.plan_tasks(plan, today=today),
            "overview": selectors.plan_overview(plan, today=today),
        }
        return Response(PlanDetailOutputSerializer(plan, context=context).data)


class PlanTaskDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PlanTaskDetailOutputSerializer})
    def get(self, request, pk: int):  # type: ignore[no-untyped-def]
        task = selectors.task_get(pk=pk, user=request.user)
        task.overdue = selectors.task_overdue(task, local(now()).date())
        return Response(PlanTaskDetailOutputSerializer(task).data)


class PlanTaskUpdateApi(APIView):
    """A progress update by the lead unit (status, percent, note, evidence files)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": TaskUpdateInputSerializer},
        responses={201: TaskUpdateOutputSerializer},
    )
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        data = TaskUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        update = services.task_update(
            task_id=pk,
            actor=request.user,
            status=values["status"],
            percent=values["percent"],
            note=values["note"],
            uploads=[services.Upload(f, f.name) for f in values["files"]],
        )
        return Response(TaskUpdateOutputSerializer(update).data, status=201)


class PlanTaskEvidenceApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk: int, evidence_id: int):  # type: ignore[no-untyped-def]
        row = selectors.evidence_get(task_id=pk, evidence_id=evidence_id, user=request.user)
        return serve_file(
            row.file, sha256=row.sha256, filename=row.original_name, content_type=row.content_type
        )
