"""Writes for accounts: registration of applicants, creation of staff, API tokens."""

from collections.abc import Iterable

from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from motcua.accounts.identifiers import normalize_phone, validate_citizen_id
from motcua.accounts.models import ApplicantKind, Role, User
from motcua.core.clock import local, now
from motcua.core.exceptions import Conflict, DomainError, InvalidInput
from motcua.organization.models import Unit


class TooManyAttempts(DomainError):
    code = "locked_out"
    status = 429


def _validation_errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def _raise_invalid(errors: dict[str, list[str]]) -> None:
    field, messages = next(iter(errors.items()))
    raise InvalidInput(messages[0], errors=errors)


@transaction.atomic
def citizen_register(
    *,
    full_name: str,
    citizen_id: str,
    password: str,
    phone: str = "",
    email: str = "",
    applicant_kind: str = ApplicantKind.INDIVIDUAL,
    organization_name: str = "",
    tax_code: str = "",
) -> User:
    """Registers an applicant. Individuals log in with their citizen ID, businesses with
    their tax code."""
    errors: dict[str, list[str]] = {}
    full_name = (full_name or "").strip()
    phone = normalize_phone(phone)
    email = (email or "").strip().lower()
    if not full_name:
        errors.setdefault("full_name", []).append(_("Vui lòng nhập họ và tên."))
    try:
        validate_citizen_id(citizen_id or "", current_year=local(now()).year)
    except ValidationError as exc:
        errors.setdefault("citizen_id", []).extend(exc.messages)
    if not phone and not email:
        errors.setdefault("phone", []).append(
            _("Vui lòng nhập số điện thoại hoặc thư điện tử để nhận thông báo.")
        )
    if applicant_kind == ApplicantKind.BUSINESS:
        if not tax_code:
            errors.setdefault("tax_code", []).append(_("Doanh nghiệp phải nhập mã số thuế."))
        if not organization_name.strip():
            errors.setdefault("organization_name", []).append(_("Vui lòng nhập tên tổ chức."))
    elif applicant_kind != ApplicantKind.INDIVIDUAL:
        errors.setdefault("applicant_kind", []).append(_("Loại người nộp không hợp lệ."))
    if errors:
        _raise_invalid(errors)

    username = tax_code if applicant_kind == ApplicantKind.BUSINESS else citizen_id
    user = User(
        username=username,
        full_name=full_name,
        citizen_id=citizen_id,
        phone=phone,
        email=email,
        role=Role.CITIZEN,
        applicant_kind=applicant_kind,
        organization_name=organization_name.strip(),
        tax_code=tax_code,
    )
    duplicate_field = "tax_code" if applicant_kind == ApplicantKind.BUSINESS else "citizen_id"
    if (
        User.objects.filter(username=username).exists()
        or User.objects.filter(citizen_id=citizen_id).exists()
    ):
        raise Conflict(_("Tài khoản với số này đã được đăng ký."), field=duplicate_field)
    try:
        user.full_clean(exclude=["password"], validate_constraints=False)
    except ValidationError as exc:
        _raise_invalid(_validation_errors(exc))
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], errors={"password": exc.messages}) from exc
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise Conflict(_("Tài khoản với số này đã được đăng ký."), field=duplicate_field) from exc
    return user


@transaction.atomic
def staff_create(
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    units: Iterable[Unit] = (),
    email: str = "",
    phone: str = "",
    position: str = "",
) -> User:
    if role == Role.CITIZEN:
        raise InvalidInput(_("Cán bộ không thể có vai trò người dân."), field="role")
    user = User(
        username=username,
        full_name=full_name,
        role=role,
        email=email,
        phone=phone,
        position=position,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_password(password)
    user.save()
    user.units.set(list(units))
    return user


def token_obtain(*, request: HttpRequest, username: str, password: str) -> Token:
    """Checks the credentials (counted by django-axes) and returns the user's API token."""
    try:
        user = authenticate(request=request, username=username, password=password)
    except AxesBackendPermissionDenied as exc:
        raise TooManyAttempts(
            _("Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.")
        ) from exc
    if getattr(request, "axes_locked_out", False):
        raise TooManyAttempts(
            _("Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.")
        )
    if user is None or not user.is_active:
        raise InvalidInput(_("Tên đăng nhập hoặc mật khẩu không đúng."), field="password")
    token, _created = Token.objects.get_or_create(user=user)
    return token
