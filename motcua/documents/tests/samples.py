"""Real files for the upload tests, built with the same libraries a scanner's output would
open in: PDFs with pypdf's PdfWriter, images with Pillow."""

import io

from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_bytes(pages: int = 1) -> bytes:
    """A small valid PDF of `pages` blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    return _written(writer)


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="AES-128")
    return _written(writer)


def javascript_pdf() -> bytes:
    """JavaScript in the document-level names tree (pypdf's add_open_action)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_open_action(JavaScript("app.alert('xin chao');"))
    return _written(writer)


def open_action_javascript_pdf() -> bytes:
    """JavaScript only in the catalog's /OpenAction (no names tree)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1);"),
        }
    )
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def attachment_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("virus.exe", b"MZ\x90\x00 not really")
    return _written(writer)


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 210, 220)).save(out, format=fmt)
    return out.getvalue()


def png_bytes() -> bytes:
    return image_bytes("PNG")


def jpeg_bytes() -> bytes:
    return image_bytes("JPEG")


def image_bomb_png(side: int = 20_000) -> bytes:
    """A few kilobytes that claim side × side pixels (400 million by default)."""
    out = io.BytesIO()
    Image.new("1", (side, side), 0).save(out, format="PNG", optimize=True)
    return out.getvalue()


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\x90" * 64
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
