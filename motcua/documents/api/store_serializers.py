"""The data store (kho dữ liệu) in the API: a person's papers and what a procedure may reuse."""

from datetime import date

from django.urls import reverse
from rest_framework import serializers

from motcua.documents.models import StoredDocument
from motcua.documents.selectors import today


class DocumentTypeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class StoredDocumentOutputSerializer(serializers.ModelSerializer):
    document_type = DocumentTypeSerializer(allow_null=True)
    source_dossier = serializers.SlugRelatedField(slug_field="code", read_only=True)
    valid = serializers.SerializerMethodField(help_text="Còn hiệu lực hôm nay.")
    download = serializers.SerializerMethodField()

    class Meta:
        model = StoredDocument
        fields = [
            "id",
            "title",
            "document_type",
            "issuer",
            "issued_on",
            "valid_until",
            "valid",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "origin",
            "source_dossier",
            "created_at",
            "download",
        ]

    def get_valid(self, document: StoredDocument) -> bool:
        day: date = self.context.get("today") or today()
        return document.valid_until is None or document.valid_until >= day

    def get_download(self, document: StoredDocument) -> str:
        return reverse("stored-document-download", kwargs={"pk": document.pk})


class StoreOfferOutputSerializer(serializers.Serializer):
    component = serializers.IntegerField(help_text="Mã thành phần hồ sơ của thủ tục.")
    component_name = serializers.CharField()
    stored_document = StoredDocumentOutputSerializer()
