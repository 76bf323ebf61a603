"""API for the printed papers: a dossier's PDF and the tracking book (PDF or xlsx).

Files are answered as they are; errors always as the project's JSON problem, whatever the
Accept header or `?format=` say (DRF would otherwise read `format` as a renderer choice).
"""

from typing import Any

from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from motcua.accounts.permissions import IsStaffMember
from motcua.dossiers.documents import access, printing
from motcua.dossiers.documents.views import book_response, file_response
from motcua.dossiers.selectors import dossier_get

PDF = printing.CONTENT_TYPES["pdf"]
XLSX = printing.CONTENT_TYPES["xlsx"]


class JsonErrorsNegotiation(BaseContentNegotiation):
    """The first renderer (JSON) for every error; successful answers are files."""

    def select_parser(self, request: Request, parsers: list) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(
        self, request: Request, renderers: list[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        return renderers[0], renderers[0].media_type


class FileApi(APIView):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonErrorsNegotiation


class DossierDocumentApi(FileApi):
    """One printed paper of a dossier as PDF (BM.01–BM.05, the stop notice)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="dossier_document",
        summary="In giấy tờ của hồ sơ (PDF)",
        description=(
            "receipt: giấy tiếp nhận và hẹn trả kết quả; supplement-request: phiếu yêu cầu "
            "bổ sung; refusal: phiếu từ chối; extension: phiếu xin lỗi và hẹn lại; "
            "stop-notice: thông báo dừng giải quyết; control-slip: phiếu kiểm soát quá trình "
            "(chỉ cán bộ)."
        ),
        parameters=[
            OpenApiParameter(
                "kind", str, OpenApiParameter.PATH, enum=list(printing.KINDS), description="Mẫu"
            )
        ],
        responses={
            (200, PDF): OpenApiTypes.BINARY,
            403: OpenApiResponse(description="Giấy tờ nội bộ, chỉ cán bộ được in."),
            404: OpenApiResponse(description="Không có hồ sơ (trong phạm vi được xem) hay mẫu."),
            409: OpenApiResponse(description="Giấy tờ chưa có với hồ sơ này."),
        },
    )
    def get(self, request: Request, code: str, kind: str) -> HttpResponse:
        access.require_may_print(request.user, kind)
        dossier = dossier_get(code=code, user=request.user)
        content = printing.render_pdf(kind, dossier, base_url=request.build_absolute_uri("/"))
        return file_response(content, "pdf", printing.pdf_filename(dossier, kind), inline=True)


class TrackingBookApi(FileApi):
    """The tracking book (BM.06) of one unit: PDF over at most 366 days, xlsx (streamed from a
    temporary file) over at most five years."""

    permission_classes = [IsStaffMember]

    @extend_schema(
        operation_id="report_tracking_book",
        summary="Sổ theo dõi hồ sơ (PDF hoặc xlsx)",
        parameters=[
            OpenApiParameter("unit", int, required=True, description="Mã số đơn vị."),
            OpenApiParameter(
                "from", str, required=True, description="Từ ngày: dd/mm/yyyy hoặc yyyy-mm-dd."
            ),
            OpenApiParameter(
                "to",
                str,
                required=True,
                description=(
                    "Đến ngày (tính cả ngày này); tối đa 366 ngày với pdf, "
                    f"{printing.MAX_BOOK_XLSX_DAYS} ngày với xlsx."
                ),
            ),
            OpenApiParameter("format", str, enum=list(printing.BOOK_FORMATS), default="pdf"),
        ],
        responses={
            (200, PDF): OpenApiTypes.BINARY,
            (200, XLSX): OpenApiTypes.BINARY,
            400: OpenApiResponse(description="Tham số không hợp lệ (errors nêu tên tham số)."),
            403: OpenApiResponse(description="Chỉ cán bộ."),
        },
    )
    def get(self, request: Request) -> FileResponse:
        book = access.book_request(request.user, request.query_params)
        file = printing.tracking_book(book.unit, book.start, book.end, fmt=book.fmt)
        filename = printing.book_filename(book.unit, book.start, book.end, book.fmt)
        return book_response(file, book.fmt, filename, inline=book.fmt == "pdf")
