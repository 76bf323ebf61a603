"""Serving a private file: the checksum is checked on the way out and the download logged.

Every view that hands out a dossier file, a stored document or an e-result goes through
`serve_checked`: it reads the stored file, compares its SHA-256 with the one recorded when it
was stored, refuses (409, logged as an error) when they differ, and appends a `FileAccess` row
(who, or which ground, when) in the same transaction as nothing else: a log row is written
only for a file actually served.
"""

import hashlib
import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _

from motcua.core.clock import now
from motcua.core.exceptions import Conflict, NotFound
from motcua.documents.models import AccessGround, AccessKind, FileAccess

logger = logging.getLogger(__name__)

CHUNK = 1024 * 1024


def sha256_of(field_file: FieldFile) -> str:
    digest = hashlib.sha256()
    with field_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ChecksumMismatch(Conflict):
    code = "checksum_mismatch"


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def serve_checked(
    request: HttpRequest | None,
    field_file: FieldFile,
    *,
    sha256: str,
    filename: str,
    kind: AccessKind,
    object_id: int,
    ground: AccessGround,
    dossier_id: int | None = None,
    content_type: str | None = None,
    as_attachment: bool = True,
) -> FileResponse:
    """The file as a response, after its checksum matched; the download is logged."""
    try:
        actual = sha256_of(field_file)
    except (OSError, ValueError) as exc:
        logger.error("file %s:%s missing from storage: %s", kind, object_id, exc)
        raise NotFound(
            _("Không tìm thấy tệp «%(name)s» trong kho lưu trữ.") % {"name": filename}
        ) from exc
    if sha256 and actual != sha256:
        logger.error(
            "checksum mismatch on %s:%s (stored %s, read %s)", kind, object_id, sha256, actual
        )
        raise ChecksumMismatch(
            _(
                "Tệp «%(name)s» không khớp mã kiểm tra đã lưu (có thể đã bị thay đổi); "
                "hệ thống không trả tệp này. Vui lòng liên hệ bộ phận một cửa."
            )
            % {"name": filename}
        )
    user = getattr(request, "user", None)
    FileAccess.objects.create(
        kind=kind,
        object_id=object_id,
        dossier_id=dossier_id,
        user=user if user is not None and user.is_authenticated else None,
        ground=ground,
        ip_address=client_ip(request),
        at=now(),
    )
    handle = field_file.open("rb")
    return FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
