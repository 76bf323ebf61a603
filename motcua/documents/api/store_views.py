"""The citizen's data store over the API: list, one paper, its file (checksum checked,
download logged), and the papers a procedure's components may reuse."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.catalog.selectors import procedure_get
from motcua.core.exceptions import InvalidInput
from motcua.documents import selectors
from motcua.documents.api.store_serializers import (
    StoredDocumentOutputSerializer,
    StoreOfferOutputSerializer,
)
from motcua.documents.downloads import stored_document_response
from motcua.dossiers.api.views import DOWNLOAD_RESPONSES, FileDownloadApi


class StoredDocumentListApi(APIView):
    """The papers kept under the signed-in citizen's ID number or business's tax code."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: StoredDocumentOutputSerializer(many=True)})
    def get(self, request):  # type: ignore[no-untyped-def]
        documents = selectors.stored_documents_of(request.user)
        body = StoredDocumentOutputSerializer(
            documents, many=True, context={"today": selectors.today()}
        )
        return Response(body.data)


class StoredDocumentDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: StoredDocumentOutputSerializer})
    def get(self, request, pk: int):  # type: ignore[no-untyped-def]
        document = selectors.stored_document_get(pk=pk, user=request.user)
        return Response(StoredDocumentOutputSerializer(document).data)


class StoredDocumentDownloadApi(FileDownloadApi):
    @extend_schema(responses=DOWNLOAD_RESPONSES, operation_id="documents_file_download")
    def get(self, request, pk: int):  # type: ignore[no-untyped-def]
        return stored_document_response(request, pk=pk)


class StoreOffersApi(APIView):
    """For a procedure, the citizen's papers that answer its components (valid today): pass
    them as `stored_documents` when submitting, instead of uploading again."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("procedure", str, required=True, description="Mã thủ tục")],
        responses={200: StoreOfferOutputSerializer(many=True)},
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        code = request.query_params.get("procedure", "").strip()
        if not code:
            raise InvalidInput(_("Vui lòng nhập mã thủ tục (procedure)."), field="procedure")
        procedure = procedure_get(code=code)
        components = list(procedure.components.select_related("document_type"))
        offers = selectors.store_offers(
            owner=selectors.owner_id_number(request.user), components=components
        )
        rows = [
            {"component": c.pk, "component_name": c.name, "stored_document": offers[c.pk]}
            for c in components
            if c.pk in offers
        ]
        return Response(StoreOfferOutputSerializer(rows, many=True).data)
