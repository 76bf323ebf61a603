"""The downloads of private papers that the web pages and the API share: a dossier's file and a
paper of one's own data store. Who may fetch comes from the selectors (the applicant, staff
of the dossier's units; the store's owner); `serve_checked` checks the checksum and logs."""

from django.http import FileResponse, HttpRequest

from motcua.documents.access import serve_checked
from motcua.documents.models import AccessGround, AccessKind
from motcua.documents.selectors import stored_document_get
from motcua.dossiers.selectors import dossier_file_get


def dossier_file_response(request: HttpRequest, *, code: str, file_id: int) -> FileResponse:
    dossier, row = dossier_file_get(code=code, file_id=file_id, user=request.user)
    # A component reused from the data store is served from the store's own copy.
    document = row.stored_document
    applicant = dossier.applicant_id == request.user.pk
    ground = AccessGround.APPLICANT if applicant else AccessGround.STAFF
    return serve_checked(
        request,
        document.file if document else row.file,
        sha256=document.sha256 if document else row.sha256,
        filename=row.original_name,
        kind=AccessKind.DOSSIER_FILE,
        object_id=row.pk,
        ground=ground,
        dossier_id=dossier.pk,
        content_type=row.content_type or None,
    )


def stored_document_response(request: HttpRequest, *, pk: int) -> FileResponse:
    document = stored_document_get(pk=pk, user=request.user)
    return serve_checked(
        request,
        document.file,
        sha256=document.sha256,
        filename=document.original_name,
        kind=AccessKind.STORED,
        object_id=document.pk,
        ground=AccessGround.APPLICANT,
        content_type=document.content_type or None,
    )
