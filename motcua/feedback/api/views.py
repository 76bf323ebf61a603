"""The feedback and rating API: thin views over `services` and `selectors`, the same rules as
the web pages. Errors are the project's JSON (`core.api.exception_handler`)."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status as http
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.models import STAFF_ROLES
from motcua.core.api.pagination import PageNumberPagination
from motcua.core.clock import local, now
from motcua.core.exceptions import NotAllowed
from motcua.feedback import selectors, services
from motcua.feedback.api.serializers import (
    AnswerRatingInputSerializer,
    AnswerRatingOutputSerializer,
    CategoryOutputSerializer,
    DossierRatingInputSerializer,
    DossierRatingOutputSerializer,
    FeedbackActionInputSerializer,
    FeedbackDetailOutputSerializer,
    FeedbackFileInputSerializer,
    FeedbackListOutputSerializer,
    FeedbackPageOutputSerializer,
    FeedbackTrackOutputSerializer,
    KioskRatingInputSerializer,
    PublishedAnswerOutputSerializer,
    RatingSummaryOutputSerializer,
    ReplyInputSerializer,
)
from motcua.feedback.downloads import attachment_response
from motcua.feedback.models import FeedbackCategory
from motcua.feedback.throttles import (
    FeedbackFileThrottle,
    FeedbackTrackThrottle,
    KioskRatingThrottle,
)
from motcua.feedback.workflow import RULES, Status, allowed_actions

CODE = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, description="Mã theo dõi, ví dụ PA-7K3M9-QX2HT"
)


def _track_body(code: str) -> dict:
    return FeedbackTrackOutputSerializer(selectors.feedback_track(code=code)).data


def _detail_body(code: str, user) -> dict:  # type: ignore[no-untyped-def]
    feedback = selectors.feedback_get(code=code, user=user)
    actions = [a.value for a in allowed_actions(Status(feedback.status), user.role)]
    context = {"now": now(), "allowed_actions": actions}
    return FeedbackDetailOutputSerializer(feedback, context=context).data


# --- filing and tracking (public) ----------------------------------------------------------


class FeedbackListCreateApi(APIView):
    """POST: anyone files a feedback item or petition (signed in or not) and gets its tracking
    code. GET: staff list the items of their units (and those assigned to them)."""

    def get_permissions(self):  # type: ignore[no-untyped-def]
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_throttles(self):  # type: ignore[no-untyped-def]
        return [FeedbackFileThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=Status.values),
            OpenApiParameter("kind", str),
            OpenApiParameter("overdue", bool),
            OpenApiParameter("mine", bool, description="Chỉ phản ánh được giao cho tôi"),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: FeedbackPageOutputSerializer},
        operation_id="feedback_list",
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        if request.user.role not in STAFF_ROLES:
            raise NotAllowed(_("Danh sách phản ánh, kiến nghị chỉ dành cho cán bộ."))
        params = request.query_params
        at = now()
        queryset = selectors.feedback_list(
            user=request.user,
            status=params.get("status", ""),
            kind=params.get("kind", ""),
            overdue=params.get("overdue") in ("true", "1"),
            mine=params.get("mine") in ("true", "1"),
            now=at,
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        rows = FeedbackListOutputSerializer(page, many=True, context={"now": at}).data
        return paginator.get_paginated_response(rows)

    @extend_schema(
        request=FeedbackFileInputSerializer,
        responses={201: FeedbackTrackOutputSerializer},
        operation_id="feedback_create",
    )
    def post(self, request):  # type: ignore[no-untyped-def]
        data = FeedbackFileInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        feedback = services.feedback_file(
            kind=values["kind"],
            title=values["title"],
            content=values["content"],
            procedure_code=values["procedure"],
            dossier_code=values["dossier"],
            conduct_issue=values["conduct_issue"],
            officer_name=values["officer_name"],
            unit_id=values["unit"],
            anonymous=values["anonymous"],
            contact=services.Contact(
                name=values["name"],
                phone=values["phone"],
                email=values["email"],
                address=values["address"],
            ),
            attachments=values["attachments"],
            filer=request.user,
        )
        return Response(_track_body(feedback.tracking_code), status=http.HTTP_201_CREATED)


class PublicFeedbackApi(APIView):
    """The filer's view of their item, by its tracking code (no login)."""

    permission_classes = [AllowAny]
    throttle_classes = [FeedbackTrackThrottle]

    @extend_schema(parameters=[CODE], responses={200: FeedbackTrackOutputSerializer})
    def get(self, request, code: str):  # type: ignore[no-untyped-def]
        return Response(_track_body(code))


class PublicFeedbackReplyApi(APIView):
    """The filer gives the information asked for (409 unless the item waits for it)."""

    permission_classes = [AllowAny]
    throttle_classes = [FeedbackTrackThrottle]

    @extend_schema(
        parameters=[CODE],
        request=ReplyInputSerializer,
        responses={200: FeedbackTrackOutputSerializer},
    )
    def post(self, request, code: str):  # type: ignore[no-untyped-def]
        data = ReplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = services.feedback_reply(
            code=code,
            text=data.validated_data["text"],
            attachments=data.validated_data["attachments"],
            user=request.user,
        )
        return Response(_track_body(feedback.tracking_code))


class PublicFeedbackRatingApi(APIView):
    """The filer rates the published answer, once (409 the second time)."""

    permission_classes = [AllowAny]
    throttle_classes = [FeedbackTrackThrottle]

    @extend_schema(
        parameters=[CODE],
        request=AnswerRatingInputSerializer,
        responses={201: AnswerRatingOutputSerializer},
    )
    def post(self, request, code: str):  # type: ignore[no-untyped-def]
        data = AnswerRatingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = services.answer_rate(
            code=code,
            satisfied=data.validated_data["satisfied"],
            reason=data.validated_data["reason"],
            user=request.user,
        )
        return Response(AnswerRatingOutputSerializer(rating).data, status=http.HTTP_201_CREATED)


class PublishedAnswersApi(APIView):
    """Published answers, personal data removed; `q` ignores diacritics, `procedure` by code."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Từ khóa, không cần dấu"),
            OpenApiParameter("procedure", str, description="Mã thủ tục"),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: PublishedAnswerOutputSerializer(many=True)},
        operation_id="public_feedback_answers_list",
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        queryset = selectors.published_answers(
            search=request.query_params.get("q", ""),
            procedure=request.query_params.get("procedure", ""),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(
            PublishedAnswerOutputSerializer(page, many=True).data
        )


class CategoryListApi(APIView):
    permission_classes = [AllowAny]
    pagination_class = None

    @extend_schema(responses={200: CategoryOutputSerializer(many=True)})
    def get(self, request):  # type: ignore[no-untyped-def]
        categories = FeedbackCategory.objects.filter(is_active=True)
        return Response(CategoryOutputSerializer(categories, many=True).data)


# --- staff -------------------------------------------------------------------------------


class FeedbackDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[CODE], responses={200: FeedbackDetailOutputSerializer})
    def get(self, request, code: str):  # type: ignore[no-untyped-def]
        return Response(_detail_body(code, request.user))


class FeedbackActionApi(APIView):
    """Receive, classify, assign, refuse, ask for more information, answer, return a draft,
    publish: 404 outside your units, 403 not your role (or not assigned to you), 409 not now."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=FeedbackActionInputSerializer,
        responses={200: FeedbackDetailOutputSerializer},
        parameters=[
            CODE,
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=[a.value for a in RULES]),
        ],
    )
    def post(self, request, code: str, action: str):  # type: ignore[no-untyped-def]
        data = FeedbackActionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = services.feedback_act(
            code=code, actor=request.user, action=action, data=data.validated_data
        )
        return Response(_detail_body(feedback.tracking_code, request.user))


class FeedbackAttachmentApi(APIView):
    """An attachment, for staff who see the item and for its filer; the SHA-256 is checked
    (409 when the stored file changed) and the download logged."""

    permission_classes = [AllowAny]
    throttle_classes = [FeedbackTrackThrottle]

    def perform_content_negotiation(self, request, force=False):  # type: ignore[no-untyped-def]
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        parameters=[CODE, OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Nội dung tệp (PDF, JPEG hoặc PNG)."
            ),
            404: OpenApiResponse(description="Không tìm thấy hoặc không có quyền xem."),
            409: OpenApiResponse(description="Tệp không khớp mã kiểm tra SHA-256 đã lưu."),
        },
        operation_id="feedback_attachments_download",
    )
    def get(self, request, code: str, attachment_id: int):  # type: ignore[no-untyped-def]
        return attachment_response(request, code=code, attachment_id=attachment_id)


# --- dossier ratings ---------------------------------------------------------------------


class DossierRatingApi(APIView):
    """The signed-in applicant rates a returned dossier, once (403 not the applicant, 409 not
    returned or rated already)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH, description="Mã hồ sơ")],
        request=DossierRatingInputSerializer,
        responses={201: DossierRatingOutputSerializer},
        operation_id="ratings_dossiers_create",
    )
    def post(self, request, code: str):  # type: ignore[no-untyped-def]
        data = DossierRatingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = services.dossier_rate(code=code, rating=data.validated_data, user=request.user)
        return Response(DossierRatingOutputSerializer(rating).data, status=http.HTTP_201_CREATED)


class KioskDossierRatingApi(APIView):
    """Rating at the desk's kiosk, without an account: the dossier code and the applicant's ID
    number (or tax code); throttled per address like the public status look-up."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [KioskRatingThrottle]

    @extend_schema(
        request=KioskRatingInputSerializer,
        responses={201: DossierRatingOutputSerializer},
        operation_id="public_ratings_dossiers_create",
    )
    def post(self, request):  # type: ignore[no-untyped-def]
        data = KioskRatingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        rating = services.dossier_rate(
            code=values["code"], rating=values["rating"], id_number=values["id_number"]
        )
        return Response(DossierRatingOutputSerializer(rating).data, status=http.HTTP_201_CREATED)


class RatingSummaryApi(APIView):
    """Dossier ratings in a period, overall, per unit and per procedure: counts and shares."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="Mặc định 1/1 năm nay"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Mặc định hôm nay"),
            OpenApiParameter("unit", int, description="id đơn vị giải quyết"),
            OpenApiParameter("procedure", str, description="Mã thủ tục"),
        ],
        responses={200: RatingSummaryOutputSerializer},
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        params = request.query_params
        start, end = selectors.summary_period(
            params.get("from", ""), params.get("to", ""), today=local(now()).date()
        )
        summary = selectors.rating_summary(
            start=start,
            end=end,
            unit_id=selectors.int_param(params.get("unit", ""), "unit"),
            procedure=params.get("procedure", ""),
        )
        return Response(RatingSummaryOutputSerializer(summary).data)
