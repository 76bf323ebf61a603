"""What an uploaded file really is, decided from its content, before anything is stored.

`inspect_upload` reads the bytes (never the name or the browser's header): a PDF must start
with `%PDF-`, parse with pypdf, carry no encryption, no JavaScript or launch action and no
embedded file; a JPEG or PNG must open in Pillow as that format, stay under the pixel limit
(checked from the header, before any decoding) and pass `verify()`. It returns the kind, the
SHA-256, the size and the page count, or raises `InvalidInput` / `PayloadTooLarge` with a
Vietnamese message naming the file and the reason.

`delete_files_on_error` and `save_file` keep storage and database together: a file saved inside
the block is deleted again when the block (a service's transaction) fails.
"""

import hashlib
import logging
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from motcua.catalog.models import DEFAULT_ACCEPTED_KINDS, FileKind
from motcua.core.exceptions import InvalidInput, PayloadTooLarge

logger = logging.getLogger(__name__)

CHUNK = 1024 * 1024
MAX_NAME_LENGTH = 255
# A PDF with more objects than this is refused rather than walked (a scan has a few hundred).
MAX_PDF_OBJECTS = 200_000

CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
}
EXTENSIONS = {FileKind.PDF: ".pdf", FileKind.JPEG: ".jpg", FileKind.PNG: ".png"}
_PIL_FORMATS = {FileKind.JPEG: ("JPEG", {"JPEG", "MPO"}), FileKind.PNG: ("PNG", {"PNG"})}

_MAGIC = (
    (b"%PDF-", FileKind.PDF),
    (b"\xff\xd8\xff", FileKind.JPEG),
    (b"\x89PNG\r\n\x1a\n", FileKind.PNG),
)
# Programs: Windows (MZ), Linux (ELF), macOS (Mach-O, fat binaries), WebAssembly, scripts.
_EXECUTABLES = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"\x00asm",
    b"#!",
)
# Unicode categories never allowed in a file name: control and format characters (the
# right-to-left override that turns "gpj.exe" into "exe.jpg"), line and paragraph separators.
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check: what it is and its fingerprint."""

    name: str
    kind: FileKind
    size: int
    sha256: str
    page_count: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.kind]


def accepted_kinds(value: str | Iterable[str] | None) -> tuple[FileKind, ...]:
    """The kinds a component accepts ("pdf,jpeg" → PDF, JPEG); blank means all three."""
    parts = value.split(",") if isinstance(value, str) else list(value or ())
    kinds = tuple(dict.fromkeys(FileKind(p.strip()) for p in parts if p.strip() in FileKind))
    return kinds or tuple(FileKind(p) for p in DEFAULT_ACCEPTED_KINDS.split(","))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def shown_name(name: str) -> str:
    """The name as it may be printed in a message: forbidden characters replaced."""
    return "".join("\ufffd" if unicodedata.category(ch) in _BAD_CATEGORIES else ch for ch in name)


def check_name(name: str, *, field: str) -> str:
    if not name or not name.strip():
        raise InvalidInput(_("Tệp tải lên chưa có tên."), field=field)
    shown = shown_name(name)
    if any(unicodedata.category(ch) in _BAD_CATEGORIES for ch in name):
        raise InvalidInput(
            _("Tên tệp «%(name)s» chứa ký tự điều khiển; hãy đổi tên tệp rồi tải lại.")
            % {"name": shown},
            field=field,
        )
    if "/" in name or "\\" in name or ".." in name:
        raise InvalidInput(
            _("Tên tệp «%(name)s» chứa đường dẫn (/, \\ hoặc ..); hãy đổi tên tệp rồi tải lại.")
            % {"name": shown},
            field=field,
        )
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(
            _("Tên tệp «%(name)s» dài quá %(n)s ký tự.") % {"name": shown, "n": MAX_NAME_LENGTH},
            field=field,
        )
    return name


def inspect_upload(
    file: File | IO[bytes],
    *,
    name: str,
    field: str,
    accepted: str | Iterable[str] | None = None,
    max_bytes: int | None = None,
) -> CheckedFile:
    """Check one upload from its content; raise with a message naming the file and the reason.

    `accepted` is the component's list of kinds (all three when not given); `max_bytes`
    defaults to `MOTCUA_UPLOAD_MAX_FILE_BYTES`.
    """
    check_name(name, field=field)
    limit = max_bytes if max_bytes is not None else settings.MOTCUA_UPLOAD_MAX_FILE_BYTES
    size, sha256, head = _measure(file, name=name, field=field, limit=limit)
    kind = _kind(head, name=name, field=field)
    kinds = accepted_kinds(accepted)
    if kind not in kinds:
        raise InvalidInput(
            _("Tệp «%(name)s» là tệp %(kind)s; thành phần này chỉ nhận: %(accepted)s.")
            % {
                "name": name,
                "kind": kind.label,
                "accepted": ", ".join(str(k.label) for k in kinds),
            },
            field=field,
        )
    stream = _stream(file)
    stream.seek(0)
    if kind == FileKind.PDF:
        pages = _check_pdf(stream, name=name, field=field)
    else:
        pages = _check_image(stream, kind, name=name, field=field)
    stream.seek(0)
    return CheckedFile(name=name, kind=kind, size=size, sha256=sha256, page_count=pages)


def _stream(file: File | IO[bytes]) -> IO[bytes]:
    return file.file if isinstance(file, File) and file.file is not None else file  # type: ignore[return-value]


def _measure(
    file: File | IO[bytes], *, name: str, field: str, limit: int
) -> tuple[int, str, bytes]:
    """Size and SHA-256 read from the bytes themselves (a declared size is not trusted)."""
    stream = _stream(file)
    stream.seek(0)
    digest = hashlib.sha256()
    size = 0
    head = b""
    while chunk := stream.read(CHUNK):
        if not head:
            head = chunk[:16]
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(
                _("Tệp «%(name)s» vượt quá dung lượng tối đa %(limit)s cho mỗi tệp.")
                % {"name": name, "limit": megabytes(limit)},
                field=field,
            )
        digest.update(chunk)
    stream.seek(0)
    if size == 0:
        raise InvalidInput(_("Tệp «%(name)s» rỗng (0 byte).") % {"name": name}, field=field)
    return size, digest.hexdigest(), head


def _kind(head: bytes, *, name: str, field: str) -> FileKind:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_EXECUTABLES):
        raise InvalidInput(
            _(
                "Tệp «%(name)s» là tệp chương trình (tệp thực thi), không phải giấy tờ; "
                "hệ thống không nhận."
            )
            % {"name": name},
            field=field,
        )
    raise InvalidInput(
        _(
            "Nội dung tệp «%(name)s» không phải PDF, JPEG hay PNG (hệ thống xét nội dung tệp, "
            "không xét phần mở rộng của tên tệp)."
        )
        % {"name": name},
        field=field,
    )


# --- PDF ------------------------------------------------------------------------------


class _TooComplex(Exception):
    pass


def _check_pdf(stream: IO[bytes], *, name: str, field: str) -> int:
    def refuse(message: str) -> InvalidInput:
        return InvalidInput(message % {"name": name}, field=field)

    broken = _("Tệp «%(name)s» không đọc được như một tệp PDF hợp lệ (tệp hỏng hoặc không đầy đủ).")
    # pypdf meets hostile input here: any failure to parse means the file is not accepted.
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            raise refuse(
                _("Tệp «%(name)s» là PDF có mật khẩu hoặc mã hóa; hãy gỡ mật khẩu rồi tải lại.")
            )
        pages = len(reader.pages)
        threats = _pdf_threats(reader)
    except InvalidInput:
        raise
    except _TooComplex as exc:
        raise refuse(
            _("Tệp «%(name)s» có cấu trúc PDF quá phức tạp, hệ thống không nhận.")
        ) from exc
    except Exception as exc:  # noqa: BLE001 - see above
        logger.info("PDF %r refused: %s", name, exc)
        raise refuse(broken) from exc
    if "javascript" in threats:
        raise refuse(
            _(
                "Tệp «%(name)s» là PDF có chứa mã JavaScript hoặc lệnh tự thực thi; "
                "hệ thống không nhận."
            )
        )
    if "embedded" in threats:
        raise refuse(
            _(
                "Tệp «%(name)s» là PDF có tệp đính kèm bên trong; hãy nộp mỗi giấy tờ "
                "thành một tệp riêng."
            )
        )
    if pages < 1:
        raise refuse(broken)
    return pages


# Keys and values that mark active content (scripts, launch actions, XFA forms) or files
# carried inside the PDF.
_SCRIPT_KEYS = frozenset({"/JS", "/JavaScript", "/XFA"})
_SCRIPT_ACTIONS = frozenset({"/JavaScript", "/Launch"})
_EMBED_KEYS = frozenset({"/EmbeddedFiles", "/EF"})
_CONTAINERS = (IndirectObject, DictionaryObject, ArrayObject)


def _pdf_threats(reader: PdfReader) -> set[str]:
    """Walk every object reachable from the trailer (names tree, pages, annotations, actions,
    object streams) and say what it carries. Names are compared decoded, so `/J#53` is `/JS`."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise _TooComplex
        if isinstance(item, DictionaryObject):
            for key, value in dict.items(item):
                if key in _SCRIPT_KEYS or (key == "/S" and value in _SCRIPT_ACTIONS):
                    found.add("javascript")
                if (
                    key in _EMBED_KEYS
                    or (key == "/Type" and value == "/EmbeddedFile")
                    or (key == "/Subtype" and value == "/FileAttachment")
                ):
                    found.add("embedded")
                if isinstance(value, _CONTAINERS):
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(v for v in list.__iter__(item) if isinstance(v, _CONTAINERS))
    return found


# --- images -----------------------------------------------------------------------------


def _check_image(stream: IO[bytes], kind: FileKind, *, name: str, field: str) -> int:
    fmt, formats = _PIL_FORMATS[kind]
    limit = settings.MOTCUA_UPLOAD_MAX_IMAGE_PIXELS
    broken = _("Tệp «%(name)s» không đọc được như một ảnh %(kind)s hợp lệ.") % {
        "name": name,
        "kind": kind.label,
    }
    try:
        # Image.open reads the header only: the size is known before any pixel is decoded.
        with Image.open(stream, formats=[fmt]) as image:
            if image.format not in formats:
                raise InvalidInput(broken, field=field)
            width, height = image.size
            if width * height > limit:
                raise _bomb(name, field, limit, width=width, height=height)
            image.verify()
    except InvalidInput:
        raise
    except Image.DecompressionBombError as exc:
        raise _bomb(name, field, limit) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        logger.info("image %r refused: %s", name, exc)
        raise InvalidInput(broken, field=field) from exc
    return 1


def _bomb(name: str, field: str, limit: int, *, width: int = 0, height: int = 0) -> InvalidInput:
    values = {"name": name, "limit": f"{limit / 1_000_000:g}", "w": width, "h": height}
    if width:
        message = _(
            "Ảnh «%(name)s» có kích thước %(w)s × %(h)s điểm ảnh, vượt giới hạn %(limit)s triệu "
            "điểm ảnh; hãy quét lại ở độ phân giải thấp hơn."
        )
    else:
        message = _(
            "Ảnh «%(name)s» có kích thước vượt giới hạn %(limit)s triệu điểm ảnh; hãy quét lại "
            "ở độ phân giải thấp hơn."
        )
    return InvalidInput(message % values, field=field)


# --- storage kept in step with the transaction -------------------------------------------------

_written: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("motcua_written", default=None)


@contextmanager
def delete_files_on_error() -> Iterator[None]:
    """Files saved with `save_file` inside the block are deleted when the block raises, so a
    rolled-back transaction leaves no file behind. Put it outside `transaction.atomic`, so a
    failed commit is covered too. Nested blocks hand their files to the enclosing one."""
    outer = _written.get()
    mine: list[tuple[Storage, str]] = []
    token = _written.set(mine)
    try:
        yield
    except BaseException:
        for storage, name in reversed(mine):
            try:
                storage.delete(name)
            except OSError:
                logger.exception("could not delete %s after a failed transaction", name)
        raise
    else:
        if outer is not None:
            outer.extend(mine)
    finally:
        _written.reset(token)


def save_file(field_file: FieldFile, name: str, content: File | IO[bytes]) -> None:
    """Write `content` under a name generated from `name`'s suffix only (the field's
    `upload_to`), remembered for `delete_files_on_error`."""
    if not isinstance(content, File):
        content = File(content)
    field_file.save(name, content, save=False)
    written = _written.get()
    if written is not None:
        written.append((field_file.storage, field_file.name))
