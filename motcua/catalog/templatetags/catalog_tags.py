"""Display of catalog values in Vietnamese: working days, money."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def _plural_count(value: Decimal | int) -> int:
    # ngettext needs an integer; a fraction (0.5 day) takes the plural form.
    return int(value) if Decimal(value) % 1 == 0 else 2


def _number(value: Decimal | int) -> str:
    text = format(Decimal(value).normalize(), "f")
    whole, _sep, fraction = text.partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


@register.filter
def workdays(value: Decimal | None) -> str:
    """0 → "Trong ngày làm việc", 5.0 → "5 ngày làm việc"."""
    if value is None:
        return _("Chưa quy định")
    if value == 0:
        return _("Trong ngày làm việc")
    return ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", _plural_count(value)) % {
        "n": _number(value)
    }


@register.filter
def vnd(value: int | None) -> str:
    """1000000 → "1.000.000 đồng"."""
    if value is None:
        return ""
    return _("%(n)s đồng") % {"n": _number(value)}


@register.filter
def hours(value: Decimal) -> str:
    return ngettext("%(n)s giờ", "%(n)s giờ", _plural_count(value)) % {"n": _number(value)}
