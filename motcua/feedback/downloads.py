"""The download of a feedback attachment that the web pages and the API share: who may fetch
comes from `selectors.attachment_get` (staff who see the item, its filer); `serve_checked`
checks the SHA-256 and logs the download."""

from django.http import FileResponse, HttpRequest

from motcua.documents.access import serve_checked
from motcua.documents.models import AccessGround, AccessKind
from motcua.feedback.selectors import attachment_get


def attachment_response(request: HttpRequest, *, code: str, attachment_id: int) -> FileResponse:
    row, is_staff = attachment_get(code=code, attachment_id=attachment_id, user=request.user)
    return serve_checked(
        request,
        row.file,
        sha256=row.sha256,
        filename=row.original_name,
        kind=AccessKind.FEEDBACK_FILE,
        object_id=row.pk,
        ground=AccessGround.STAFF if is_staff else AccessGround.APPLICANT,
        dossier_id=None,
        content_type=row.content_type or None,
    )
