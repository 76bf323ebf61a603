from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import ApplicantKind


class RegisterForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("Loại người nộp"), choices=ApplicantKind.choices, initial=ApplicantKind.INDIVIDUAL
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    citizen_id = forms.CharField(
        label=_("Số định danh cá nhân (12 số)"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    organization_name = forms.CharField(
        label=_("Tên tổ chức (nếu là doanh nghiệp)"), max_length=255, required=False
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế (nếu là doanh nghiệp)"), max_length=14, required=False
    )
    password = forms.CharField(
        label=_("Mật khẩu"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
