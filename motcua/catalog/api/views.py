"""Public, read-only catalog API: list with search, one procedure, the fields."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from motcua.catalog import selectors
from motcua.catalog.api.serializers import (
    FieldOutputSerializer,
    ProcedureDetailOutputSerializer,
    ProcedureListOutputSerializer,
)
from motcua.catalog.models import Procedure


@extend_schema(
    parameters=[
        OpenApiParameter(
            "search",
            str,
            description="Tìm theo tên, mã hoặc lĩnh vực; không phân biệt dấu, hoa thường.",
        ),
        OpenApiParameter("field", str, description="Mã lĩnh vực, ví dụ van-bang-chung-chi."),
    ]
)
class ProcedureListApi(generics.ListAPIView):
    """Published procedures (paginated), searchable without diacritics."""

    permission_classes = [AllowAny]
    serializer_class = ProcedureListOutputSerializer
    filter_backends: list = []

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = self.request.query_params
        return selectors.procedure_list(
            search=params.get("search", ""), field=params.get("field", "")
        )


class ProcedureDetailApi(generics.RetrieveAPIView):
    """One published procedure with every part, by national code (dots allowed)."""

    permission_classes = [AllowAny]
    serializer_class = ProcedureDetailOutputSerializer
    lookup_url_kwarg = "code"
    queryset = Procedure.objects.none()  # for the schema; get_object uses the selector

    def get_object(self) -> Procedure:
        return selectors.procedure_get(code=self.kwargs["code"])


class FieldListApi(generics.ListAPIView):
    """Every field with its number of published procedures."""

    permission_classes = [AllowAny]
    serializer_class = FieldOutputSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.field_list()
