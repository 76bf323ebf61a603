"""The citizen's pages: online submission from a procedure, the list of own dossiers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.accounts.models import ApplicantKind, Role, User
from motcua.catalog.selectors import procedure_get
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.web import http_status, put_errors
from motcua.documents.selectors import owner_id_number, store_offers
from motcua.dossiers.forms import SubmitForm
from motcua.dossiers.selectors import dossier_list
from motcua.dossiers.services import Applicant, dossier_submit
from motcua.dossiers.views.common import message_page, role_required

PAGE_SIZE = 50


def _applicant(user: User, address: str) -> Applicant:
    business = user.applicant_kind == ApplicantKind.BUSINESS
    return Applicant(
        name=user.display_name,
        id_number=user.tax_code if business else user.citizen_id,
        phone=user.phone,
        email=user.email,
        address=address,
        organization=user.organization_name,
    )


@role_required(Role.CITIZEN)
def dossier_submit_page(request: HttpRequest, procedure_code: str) -> HttpResponse:
    try:
        procedure = procedure_get(code=procedure_code)
    except NotFound as exc:
        return message_page(
            request, title=_("Không tìm thấy thủ tục"), message=exc.message, status=404
        )
    if not procedure.accepts_online:
        return message_page(
            request,
            title=procedure.name,
            message=_("Thủ tục này không nhận hồ sơ trực tuyến; vui lòng nộp tại Bộ phận Một cửa."),
            status=409,
        )
    user = request.user
    # Papers of the citizen's data store that answer a component are offered for reuse.
    offers = store_offers(
        owner=owner_id_number(user),
        components=procedure.components.select_related("document_type"),
    )
    form = SubmitForm(
        request.POST or None, request.FILES or None, procedure=procedure, offers=offers
    )
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            uploads = form.uploads()
            reuses = form.reuses()
            try:
                dossier = dossier_submit(
                    citizen=user,
                    procedure_code=procedure.code,
                    request=form.cleaned_data["request"],
                    uploads=[upload for _name, upload in uploads],
                    reuses=reuses,
                    applicant=_applicant(user, form.cleaned_data["address"]),
                )
            except DomainError as exc:
                by_index = {f"components[{i}]": name for i, (name, _u) in enumerate(uploads)}
                for i, reuse in enumerate(reuses):
                    by_index[f"stored_documents[{i}]"] = f"reuse_{reuse.component_id}"
                put_errors(
                    form,
                    exc,
                    lambda key: by_index.get(key, key if key in form.fields else None),
                )
                status = http_status(exc)
            else:
                messages.success(
                    request,
                    _("Đã nộp hồ sơ. Mã hồ sơ của bạn: %(code)s. Hãy ghi lại mã này để tra cứu.")
                    % {"code": dossier.code},
                )
                return redirect("dossiers:detail", code=dossier.code)
    applicant = _applicant(user, "")
    context = {"procedure": procedure, "form": form, "applicant": applicant}
    return render(request, "dossiers/submit.html", context, status=status)


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    if request.user.is_staff_member:
        return redirect("dossiers:queue")
    # Newest first: a citizen looks for what they just sent.
    dossiers = dossier_list(user=request.user).order_by("-submitted_at", "-pk")
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dossiers/my_list.html", {"page": page})
