"""API of electronic results: the signed PDF of a dossier for its applicant and staff, and the
public verification endpoints (upload a PDF, or look a result up by its code), open to anyone
and throttled like the public status lookup."""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from motcua.core.exceptions import InvalidInput
from motcua.documents import results, verification
from motcua.documents.models import AccessGround, EResult
from motcua.dossiers.documents.api_views import FileApi
from motcua.dossiers.selectors import dossier_get

PDF = results.PDF


class PublicVerifyThrottle(AnonRateThrottle):
    """The verification pages and API share one budget per address (codes cannot be guessed at
    this rate: 60 random bits)."""

    scope = "public_verify"
    rate = "30/minute"


def _absolute(request: Request | None, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class EResultSummarySerializer(serializers.Serializer):
    """The e-result as the dossier shows it to its applicant and staff."""

    verification_code = serializers.SerializerMethodField()
    title = serializers.CharField()
    signer_name = serializers.CharField(help_text="Cơ quan ký số (tên trong chứng thư số).")
    signed_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField(help_text="Tải tệp PDF đã ký số.")
    verify_url = serializers.SerializerMethodField(help_text="Trang xác thực công khai.")

    def get_verification_code(self, e_result: EResult) -> str:
        return results.display_code(e_result.verification_code)

    def get_download_url(self, e_result: EResult) -> str:
        path = reverse("dossier-e-result", kwargs={"code": e_result.dossier.code})
        return _absolute(self.context.get("request"), path)

    def get_verify_url(self, e_result: EResult) -> str:
        path = reverse(
            "results:verify-code",
            kwargs={"verification_code": results.display_code(e_result.verification_code)},
        )
        return _absolute(self.context.get("request"), path)


class PublicResultSerializer(serializers.Serializer):
    """What anyone holding a verification code may read of the result: what the paper itself
    shows (the applicant's name, never an ID number, phone or address)."""

    verification_code = serializers.SerializerMethodField()
    title = serializers.CharField()
    dossier_code = serializers.CharField(source="dossier.code")
    procedure = serializers.CharField(source="dossier.procedure.code")
    procedure_name = serializers.CharField(source="dossier.procedure.name")
    agency = serializers.CharField(source="dossier.agency.name")
    applicant_name = serializers.CharField(source="dossier.applicant_name")
    signer_name = serializers.CharField()
    certificate_serial = serializers.CharField()
    signed_at = serializers.DateTimeField()
    verify_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    def _code(self, e_result: EResult) -> str:
        return results.display_code(e_result.verification_code)

    def get_verification_code(self, e_result: EResult) -> str:
        return self._code(e_result)

    def get_verify_url(self, e_result: EResult) -> str:
        path = reverse("results:verify-code", kwargs={"verification_code": self._code(e_result)})
        return _absolute(self.context.get("request"), path)

    def get_download_url(self, e_result: EResult) -> str:
        path = reverse("public-verify-file", kwargs={"verification_code": self._code(e_result)})
        return _absolute(self.context.get("request"), path)


VERDICT_CHOICES = [
    (verification.Verdict.VALID, "hợp lệ"),
    (verification.Verdict.ALTERED, "đã bị thay đổi sau khi ký"),
    (verification.Verdict.INVALID, "chữ ký không hợp lệ"),
    (verification.Verdict.UNTRUSTED, "chứng thư số không được tin cậy"),
]


class SignatureStatusSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=VERDICT_CHOICES)
    message = serializers.CharField(source="verdict_text")
    valid = serializers.BooleanField(help_text="Chữ ký số đúng về mặt mật mã.")
    intact = serializers.BooleanField(
        help_text="Tài liệu không bị thay đổi sau khi ký (kể cả thêm nội dung sau chữ ký)."
    )
    trusted = serializers.BooleanField(
        help_text="Chứng thư số của người ký dẫn tới một CA gốc được cấu hình tin cậy."
    )
    modified_after_signing = serializers.BooleanField()


class SignerSerializer(serializers.Serializer):
    name = serializers.CharField(source="signer_name")
    organization = serializers.CharField(source="signer_organization")
    certificate_serial = serializers.CharField()


class VerificationReportSerializer(SignatureStatusSerializer):
    signer = SignerSerializer(source="*")
    signed_at = serializers.DateTimeField(allow_null=True)
    signature_count = serializers.IntegerField()
    sha256 = serializers.CharField()
    matches_issued = serializers.BooleanField(
        help_text="Tệp giống từng byte với bản cơ quan đã phát hành."
    )
    result = PublicResultSerializer(
        source="e_result",
        allow_null=True,
        help_text="Kết quả điện tử mà tệp thuộc về (theo mã kiểm tra SHA-256 hoặc mã xác thực "
        "ghi trong tệp); null nếu không thuộc kết quả nào của hệ thống.",
    )


class PublicResultStatusSerializer(PublicResultSerializer):
    status = SignatureStatusSerializer(help_text="Kiểm tra lại từ tệp đang lưu.")


class VerifyUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Tệp PDF kết quả điện tử cần kiểm tra.")


class DossierEResultApi(FileApi):
    """The signed result of a dossier, for its applicant and the staff of its units."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="dossier_e_result",
        summary="Tải kết quả điện tử đã ký số (PDF)",
        parameters=[
            OpenApiParameter("inline", bool, description="true: mở để in (inline) thay vì tải về.")
        ],
        responses={
            (200, PDF): OpenApiTypes.BINARY,
            404: OpenApiResponse(
                description="Không có hồ sơ (trong phạm vi được xem) hay kết quả."
            ),
            409: OpenApiResponse(description="Tệp đang lưu không khớp mã kiểm tra."),
        },
    )
    def get(self, request: Request, code: str) -> HttpResponse:
        dossier = dossier_get(code=code, user=request.user)
        e_result = results.e_result_of_dossier(dossier)
        inline = request.query_params.get("inline") in ("1", "true")
        return results.serve_e_result(
            request, e_result, ground=results.ground_for(request.user), inline=inline
        )


class PublicApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicVerifyThrottle]


class PublicVerifyApi(PublicApi):
    """Check a signed result uploaded as a PDF: signature, signer, time, integrity, dossier."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="public_verify_upload",
        summary="Xác thực tệp kết quả điện tử (tải lên PDF)",
        request={"multipart/form-data": VerifyUploadSerializer},
        responses={
            200: VerificationReportSerializer,
            400: OpenApiResponse(
                description="Không có tệp, tệp rỗng, quá lớn hoặc không phải PDF (errors.file)."
            ),
            422: OpenApiResponse(
                description="PDF không đọc được hoặc không có chữ ký số (errors.file)."
            ),
            429: OpenApiResponse(description="Quá nhiều lượt kiểm tra; thử lại sau."),
        },
    )
    def post(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise InvalidInput(
                _("Chọn tệp PDF kết quả điện tử cần kiểm tra (trường file)."), field="file"
            )
        limit = verification.max_bytes()
        verification.check_size(upload.size or 0, limit)
        report = verification.verify_pdf(upload.read(limit + 1), limit=limit)
        return Response(VerificationReportSerializer(report, context={"request": request}).data)


def _status(report: verification.VerificationReport | None) -> dict[str, Any]:
    return SignatureStatusSerializer(report).data if report is not None else {}


class PublicResultApi(PublicApi):
    """A result by its verification code, its signature checked again from the stored file."""

    @extend_schema(
        operation_id="public_verify_code",
        summary="Tra cứu kết quả điện tử theo mã xác thực",
        responses={
            200: PublicResultStatusSerializer,
            404: OpenApiResponse(description="Không có kết quả với mã xác thực này."),
            429: OpenApiResponse(description="Quá nhiều lượt tra cứu; thử lại sau."),
        },
    )
    def get(self, request: Request, verification_code: str) -> Response:
        e_result = results.e_result_by_code(verification_code)
        body = PublicResultSerializer(e_result, context={"request": request}).data
        body["status"] = _status(verification.recheck(e_result))
        return Response(body)


class PublicResultFileApi(FileApi):
    """The signed PDF, for anyone holding its verification code."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicVerifyThrottle]

    @extend_schema(
        operation_id="public_verify_file",
        summary="Tải kết quả điện tử theo mã xác thực (PDF)",
        responses={
            (200, PDF): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="Không có kết quả với mã xác thực này."),
            429: OpenApiResponse(description="Quá nhiều lượt tải; thử lại sau."),
        },
    )
    def get(self, request: Request, verification_code: str) -> HttpResponse:
        e_result = results.e_result_by_code(verification_code)
        return results.serve_e_result(request, e_result, ground=AccessGround.VERIFICATION_CODE)
