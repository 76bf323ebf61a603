"""The citizen's "my documents" page: the papers of their data store, each downloadable (the
checksum is checked and the download logged)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.accounts.models import Role
from motcua.core.exceptions import DomainError
from motcua.documents.downloads import stored_document_response
from motcua.documents.selectors import owner_id_number, stored_documents_of, today
from motcua.dossiers.views.common import message_page, role_required


@role_required(Role.CITIZEN)
def my_documents(request: HttpRequest) -> HttpResponse:
    day = today()
    documents = list(stored_documents_of(request.user))
    for document in documents:
        document.expired = document.valid_until is not None and document.valid_until < day
    context = {"documents": documents, "owner": owner_id_number(request.user)}
    return render(request, "documents/store/list.html", context)


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        return stored_document_response(request, pk=pk)
    except DomainError as exc:
        title = _("Không tải được tệp") if exc.status == 409 else _("Không tìm thấy giấy tờ")
        return message_page(request, title=title, message=exc.message, status=exc.status)
