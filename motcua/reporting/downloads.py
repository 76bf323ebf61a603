"""Serving a report's attachment or a task's evidence: the checksum recorded at upload is
checked on the way out (as `motcua.documents.access` does for dossier files)."""

import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _

from motcua.core.exceptions import Conflict, NotFound
from motcua.documents.access import sha256_of

logger = logging.getLogger(__name__)


def serve_file(
    field_file: FieldFile, *, sha256: str, filename: str, content_type: str
) -> FileResponse:
    try:
        actual = sha256_of(field_file)
    except (OSError, ValueError) as exc:
        logger.error("reporting file %s missing from storage: %s", field_file.name, exc)
        raise NotFound(
            _("Không tìm thấy tệp «%(name)s» trong kho lưu trữ.") % {"name": filename}
        ) from exc
    if actual != sha256:
        logger.error("checksum mismatch on %s", field_file.name)
        raise Conflict(
            _("Tệp «%(name)s» không khớp mã kiểm tra đã lưu; hệ thống không trả tệp này.")
            % {"name": filename},
            code="checksum_mismatch",
        )
    return FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
