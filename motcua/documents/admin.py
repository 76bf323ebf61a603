"""The data store, the e-results and the download log in the admin: read-only, as evidence."""

from django.contrib import admin

from motcua.core.admin import ReadOnlyAdmin
from motcua.documents.models import EResult, FileAccess, StoredDocument


@admin.register(StoredDocument)
class StoredDocumentAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "owner_id_number",
        "document_type",
        "origin",
        "issued_on",
        "created_at",
    ]
    list_filter = ["origin", "document_type"]
    search_fields = ["owner_id_number", "title", "sha256"]
    exclude = ["file"]


@admin.register(EResult)
class EResultAdmin(ReadOnlyAdmin):
    list_display = ["verification_code", "dossier", "signer_name", "signed_at"]
    search_fields = ["verification_code", "dossier__code", "sha256"]
    exclude = ["file"]


@admin.register(FileAccess)
class FileAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "object_id", "dossier", "user", "ground", "ip_address"]
    list_filter = ["kind", "ground"]
    search_fields = ["dossier__code", "user__username"]
    date_hierarchy = "at"
