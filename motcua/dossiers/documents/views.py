"""Web pages that hand out the printed papers: one dossier's PDF, and the tracking book."""

from typing import IO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.clock import local, now
from motcua.core.exceptions import DomainError, NotAllowed
from motcua.dossiers.documents import access, printing
from motcua.dossiers.selectors import dossier_get

ERROR_TITLES = {
    400: gettext_lazy("Tham số không hợp lệ"),
    403: gettext_lazy("Không có quyền in giấy tờ này"),
    404: gettext_lazy("Không tìm thấy"),
    409: gettext_lazy("Chưa có giấy tờ này"),
}


def file_response(content: bytes, fmt: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=printing.CONTENT_TYPES[fmt])
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Personal data: never kept by a shared cache or proxy.
    response["Cache-Control"] = "private, no-store"
    return response


def book_response(file: IO[bytes], fmt: str, filename: str, *, inline: bool) -> FileResponse:
    """The tracking book streamed from its file (closed, and so deleted, once sent)."""
    response = FileResponse(
        file, content_type=printing.CONTENT_TYPES[fmt], as_attachment=not inline, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    return response


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    context = {
        "title": ERROR_TITLES.get(error.status, _("Không in được")),
        "message": error.message,
        "errors": error.errors,
    }
    return render(request, "dossiers/documents/error.html", context, status=error.status)


@login_required
def print_document(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    try:
        access.require_may_print(request.user, kind)
        dossier = dossier_get(code=code, user=request.user)
        content = printing.render_pdf(kind, dossier, base_url=request.build_absolute_uri("/"))
    except DomainError as error:
        return error_page(request, error)
    return file_response(content, "pdf", printing.pdf_filename(dossier, kind), inline=True)


@login_required
def tracking_book(request: HttpRequest) -> HttpResponseBase:
    """Without parameters, the form; with them, the book (PDF inline or xlsx download)."""
    user = request.user
    if not user.is_staff_member:
        return error_page(request, NotAllowed(_("Chỉ cán bộ mới in được sổ theo dõi hồ sơ.")))
    if not request.GET:
        return _book_form(request, errors={}, status=200)
    try:
        book = access.book_request(user, request.GET)
        file = printing.tracking_book(book.unit, book.start, book.end, fmt=book.fmt)
    except DomainError as error:
        if error.status != 400:
            return error_page(request, error)
        return _book_form(request, errors=error.errors, status=400)
    filename = printing.book_filename(book.unit, book.start, book.end, book.fmt)
    return book_response(file, book.fmt, filename, inline=book.fmt == "pdf")


def _book_form(request: HttpRequest, *, errors: dict[str, list[str]], status: int) -> HttpResponse:
    today = local(now()).date()
    context = {
        "units": access.book_units(request.user),
        "values": {
            "unit": request.GET.get("unit", ""),
            "from": request.GET.get("from", today.replace(day=1).isoformat()),
            "to": request.GET.get("to", today.isoformat()),
            "format": request.GET.get("format", "pdf"),
        },
        "errors": errors,
        "max_days": printing.MAX_BOOK_DAYS,
        "max_xlsx_days": printing.MAX_BOOK_XLSX_DAYS,
    }
    return render(request, "dossiers/documents/tracking_book_form.html", context, status=status)
