"""What a report's attachment or a task's evidence really is, decided from its content.

PDF, JPEG and PNG go through `motcua.documents.uploads.inspect_upload` (parsed, no scripts,
no image bombs). DOCX and XLSX are ZIP packages: the package must open, name its main part
(`word/document.xml` or `xl/workbook.xml`), carry no macros, no encryption and not expand past a
limit (a "zip bomb"). Anything else is refused with a message naming the file and the reason.
"""

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.files.base import File
from django.utils.translation import gettext as _

from motcua.core.exceptions import InvalidInput, PayloadTooLarge
from motcua.documents.uploads import check_name, inspect_upload, megabytes

ZIP_MAGIC = b"PK\x03\x04"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A Word or Excel file of a few MB rarely expands beyond a few tens of MB.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
ACCEPTED_LABEL = "PDF, JPEG, PNG, DOCX, XLSX"


@dataclass(frozen=True)
class CheckedAttachment:
    name: str
    size: int
    sha256: str
    content_type: str


def max_bytes() -> int:
    return settings.MOTCUA_UPLOAD_MAX_FILE_BYTES


def _stream(file: File | IO[bytes]) -> IO[bytes]:
    return file.file if isinstance(file, File) and file.file is not None else file  # type: ignore[return-value]


def inspect_attachment(file: File | IO[bytes], *, name: str, field: str) -> CheckedAttachment:
    """Check one attachment; raise `InvalidInput` / `PayloadTooLarge` naming file and reason."""
    check_name(name, field=field)
    stream = _stream(file)
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if not head.startswith(ZIP_MAGIC):
        checked = inspect_upload(file, name=name, field=field, max_bytes=max_bytes())
        return CheckedAttachment(checked.name, checked.size, checked.sha256, checked.content_type)
    size, sha256 = _measure(stream, name=name, field=field)
    content_type = _office_kind(stream, name=name, field=field)
    stream.seek(0)
    return CheckedAttachment(name, size, sha256, content_type)


def _measure(stream: IO[bytes], *, name: str, field: str) -> tuple[int, str]:
    limit = max_bytes()
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(
                _("Tệp «%(name)s» vượt quá dung lượng tối đa %(limit)s cho mỗi tệp.")
                % {"name": name, "limit": megabytes(limit)},
                field=field,
            )
        digest.update(chunk)
    stream.seek(0)
    return size, digest.hexdigest()


def _office_kind(stream: IO[bytes], *, name: str, field: str) -> str:
    def refuse(message: str) -> InvalidInput:
        return InvalidInput(message % {"name": name, "accepted": ACCEPTED_LABEL}, field=field)

    try:
        with zipfile.ZipFile(stream) as package:
            members = package.infolist()
            names = {member.filename for member in members}
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise refuse(_("Tệp «%(name)s» giải nén ra quá lớn; hệ thống không nhận."))
            if any(member.flag_bits & 0x1 for member in members):
                raise refuse(_("Tệp «%(name)s» có mật khẩu; hãy gỡ mật khẩu rồi tải lại."))
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise refuse(_("Tệp «%(name)s» có chứa macro; hệ thống không nhận."))
            if "[Content_Types].xml" not in names:
                raise refuse(_("Tệp «%(name)s» không phải tệp Word (DOCX) hay Excel (XLSX)."))
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    except InvalidInput:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise refuse(_("Tệp «%(name)s» không đọc được (tệp hỏng hoặc không đầy đủ).")) from exc
    raise refuse(_("Nội dung tệp «%(name)s» không thuộc các loại được nhận: %(accepted)s."))
