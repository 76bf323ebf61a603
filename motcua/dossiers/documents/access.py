"""Who may print which paper, and the tracking book's parameters read and checked against the
person's units. The web views and the API share these, so both answer alike."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import Role, User
from motcua.core.exceptions import InvalidInput, NotAllowed
from motcua.dossiers.documents.printing import (
    BOOK_FORMATS,
    DocumentKind,
    check_book_range,
    document_kind,
)
from motcua.organization.models import Unit
from motcua.organization.selectors import unit_subtree


def require_may_print(user: User, kind: str) -> DocumentKind:
    """Staff print every paper of the dossiers they see; applicants the ones addressed to them
    (the control slip is internal). Unknown kinds are 404."""
    document = document_kind(kind)
    if user.is_staff_member or (user.role == Role.CITIZEN and document.for_citizen):
        return document
    raise NotAllowed(
        _("«%(title)s» là giấy tờ nội bộ; chỉ cán bộ mới in được.") % {"title": document.title}
    )


def book_units(user: User) -> QuerySet[Unit]:
    """The units whose tracking book the person may print: their own and every unit below."""
    if user.role == Role.ADMIN and user.is_superuser:
        return Unit.objects.order_by("path")
    return unit_subtree(user.units.all()).order_by("path")


def parse_day(raw: str | None, field: str) -> date:
    """A day written dd/mm/yyyy or yyyy-mm-dd."""
    text = (raw or "").strip()
    if not text:
        raise InvalidInput(
            _("Thiếu tham số %(field)s (ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd).") % {"field": field},
            field=field,
        )
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            _("Tham số %(field)s không phải ngày hợp lệ: «%(value)s» (dùng dd/mm/yyyy).")
            % {"field": field, "value": text[:20]},
            field=field,
        ) from None


@dataclass(frozen=True)
class BookRequest:
    unit: Unit
    start: date
    end: date
    fmt: str


def book_request(user: User, params: Mapping[str, str]) -> BookRequest:
    """unit (id), from, to, format=pdf|xlsx; every bad parameter is reported by its name."""
    if not user.is_staff_member:
        raise NotAllowed(_("Chỉ cán bộ mới in được sổ theo dõi hồ sơ."))
    errors: dict[str, list[str]] = {}

    unit = None
    raw_unit = (params.get("unit") or "").strip()
    if not raw_unit.isdigit():
        errors["unit"] = [_("Tham số unit phải là mã số của đơn vị.")]
    else:
        unit = book_units(user).filter(pk=int(raw_unit)).first()
        if unit is None:
            errors["unit"] = [_("Tham số unit: đơn vị không tồn tại hoặc ngoài phạm vi của bạn.")]

    days: dict[str, date] = {}
    for field in ("from", "to"):
        try:
            days[field] = parse_day(params.get(field), field)
        except InvalidInput as exc:
            errors.update(exc.errors)

    fmt = (params.get("format") or "pdf").strip().lower()
    if fmt not in BOOK_FORMATS:
        errors["format"] = [_("Tham số format chỉ nhận pdf hoặc xlsx.")]

    if not errors:
        try:
            check_book_range(days["from"], days["to"], fmt)
        except InvalidInput as exc:
            errors.update(exc.errors)
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors=errors)
    assert unit is not None
    return BookRequest(unit=unit, start=days["from"], end=days["to"], fmt=fmt)
