"""Web pages of electronic results: the public verification page (upload a PDF, or type a
verification code), a result's public record by its code, and the downloads: the applicant's and
staff's from the dossier, anyone's with the code. Every download goes through `serve_checked`."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.exceptions import DomainError, NotFound
from motcua.documents import results, verification
from motcua.documents.api.results import PublicVerifyThrottle
from motcua.documents.models import AccessGround
from motcua.dossiers.selectors import dossier_get
from motcua.dossiers.views.common import message_page


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp PDF kết quả điện tử"),
        help_text=gettext_lazy("Tệp kết quả đã ký số bạn nhận được (tối đa 20 MB)."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class VerifyCodeForm(forms.Form):
    ma = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=40,
        help_text=gettext_lazy("In cuối văn bản, ví dụ 7KQ2-M9XD-4HTR."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_ma(self) -> str:
        code = results.normalize_code(self.cleaned_data["ma"])
        if not code:
            raise forms.ValidationError(_("Mã xác thực gồm 12 chữ và số, ví dụ 7KQ2-M9XD-4HTR."))
        return code


def _too_many(request: HttpRequest) -> HttpResponse | None:
    if PublicVerifyThrottle().allow_request(request, None):
        return None
    return message_page(
        request,
        title=_("Quá nhiều lượt xác thực"),
        message=_("Bạn đã xác thực quá nhiều lần. Vui lòng thử lại sau ít phút."),
        status=429,
    )


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex"
    return response


def verify(request: HttpRequest) -> HttpResponse:
    """GET: the forms (with ?ma=: go to that code's record). POST: the report on the file."""
    upload_form = VerifyUploadForm()
    code_form = VerifyCodeForm()
    report = None
    status = 200
    if request.method == "POST" or "ma" in request.GET:
        refused = _too_many(request)
        if refused is not None:
            return refused
    if request.method == "POST":
        upload_form = VerifyUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            upload = upload_form.cleaned_data["file"]
            try:
                verification.check_size(upload.size or 0)
                report = verification.verify_pdf(upload.read(verification.max_bytes() + 1))
            except DomainError as error:
                for message in error.errors.get("file", [error.message]):
                    upload_form.add_error("file", message)
                status = 422
        else:
            status = 422
    elif "ma" in request.GET:
        code_form = VerifyCodeForm(request.GET)
        if code_form.is_valid():
            code = results.display_code(code_form.cleaned_data["ma"])
            return redirect("results:verify-code", verification_code=code)
        status = 422
    context = {"upload_form": upload_form, "code_form": code_form, "report": report}
    return _noindex(render(request, "documents/verify.html", context, status=status))


def verify_code(request: HttpRequest, verification_code: str) -> HttpResponse:
    """The public record of a result, its stored file checked again."""
    refused = _too_many(request)
    if refused is not None:
        return refused
    try:
        e_result = results.e_result_by_code(verification_code)
    except NotFound as error:
        response = message_page(
            request, title=_("Không tìm thấy kết quả điện tử"), message=error.message, status=404
        )
        return _noindex(response)
    context = {
        "e_result": e_result,
        "code": results.display_code(e_result.verification_code),
        "serial": verification.group_serial(e_result.certificate_serial),
        "report": verification.recheck(e_result),
    }
    return _noindex(render(request, "documents/verify_code.html", context))


def verify_download(request: HttpRequest, verification_code: str) -> HttpResponse:
    """The signed PDF for anyone holding its verification code."""
    refused = _too_many(request)
    if refused is not None:
        return refused
    try:
        e_result = results.e_result_by_code(verification_code)
        return results.serve_e_result(request, e_result, ground=AccessGround.VERIFICATION_CODE)
    except DomainError as error:
        return message_page(
            request, title=_("Không tải được kết quả"), message=error.message, status=error.status
        )


def _dossier_result(request: HttpRequest, code: str, *, inline: bool) -> HttpResponse:
    try:
        dossier = dossier_get(code=code, user=request.user)
        e_result = results.e_result_of_dossier(dossier)
        return results.serve_e_result(
            request, e_result, ground=results.ground_for(request.user), inline=inline
        )
    except DomainError as error:
        return message_page(
            request, title=_("Không tải được kết quả"), message=error.message, status=error.status
        )


@login_required
def download(request: HttpRequest, code: str) -> HttpResponse:
    """The signed result of a dossier, for its applicant and the staff of its units."""
    return _dossier_result(request, code, inline=False)


@login_required
def print_result(request: HttpRequest, code: str) -> HttpResponse:
    """The same PDF opened in the browser, for the officer to print a paper copy."""
    return _dossier_result(request, code, inline=True)
