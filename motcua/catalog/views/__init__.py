"""Public catalog pages: the searchable list, one procedure, its forms to download."""

from pathlib import PurePosixPath

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from motcua.catalog import selectors
from motcua.core.exceptions import NotFound

PAGE_SIZE = 20


def procedure_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    field = request.GET.get("field", "").strip()
    page = Paginator(selectors.procedure_list(search=query, field=field), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "query": query,
        "field": field,
        "fields": selectors.field_summaries(),
        "querystring": params.urlencode(),
    }
    # htmx live search swaps only the results; the full page is the no-script fallback.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "catalog/_procedure_results.html" if partial else "catalog/procedure_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        procedure = selectors.procedure_get(code=code)
    except NotFound as exc:
        return render(request, "catalog/not_found.html", {"message": exc.message}, status=404)
    return render(request, "catalog/procedure_detail.html", {"procedure": procedure})


def form_download(request: HttpRequest, code: str, component_id: int) -> FileResponse:
    try:
        component = selectors.procedure_component_form(code=code, component_id=component_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    file = component.form_template
    try:
        handle = file.storage.open(file.name, "rb")
    except OSError as exc:  # the row names a file the storage no longer has
        raise Http404(_("Không tìm thấy tệp mẫu đơn, tờ khai.")) from exc
    return FileResponse(handle, as_attachment=True, filename=PurePosixPath(file.name).name)
