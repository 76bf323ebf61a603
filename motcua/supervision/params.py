"""The query parameters of the control room and the procedure review, read the same way by the
pages and the API: a value out of range is a 400 naming its parameter, never a 500."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.clock import local
from motcua.core.exceptions import InvalidInput
from motcua.core.periods import Period, int_param, period_from_params
from motcua.supervision.selectors import Flag, Thresholds

DEFAULT_WEEKS = 12
MAX_WEEKS = 52
MAX_YEARS = 20
DEFAULT_LATE_PERCENT = Decimal("10")
DEFAULT_SUPPLEMENT_PERCENT = Decimal("20")
DEFAULT_MIN_DOSSIERS = 10


def percent_param(params: Mapping[str, str], name: str, *, default: Decimal) -> Decimal:
    raw = (params.get(name) or "").strip().replace(",", ".")
    if not raw:
        return default
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise InvalidInput(
            _("%(name)s phải là tỉ lệ phần trăm từ 0 đến 100.") % {"name": name}, field=name
        )
    return value


def flag_param(params: Mapping[str, str]) -> Flag:
    raw = (params.get("flag") or "").strip()
    if raw not in Flag.values:
        raise InvalidInput(
            _("flag phải là một trong: %(flags)s.") % {"flags": ", ".join(Flag.values)},
            field="flag",
        )
    return Flag(raw)


def period_param(params: Mapping[str, str], *, now: datetime) -> Period:
    """The period of the page: this month unless asked (`core.periods`)."""
    return period_from_params(params, today=local(now).date(), default="month")


def weeks_param(params: Mapping[str, str]) -> int:
    return int_param(params, "weeks", low=1, high=MAX_WEEKS, default=DEFAULT_WEEKS)


def idle_years_default() -> int:
    return int(getattr(settings, "SUPERVISION_REVIEW_IDLE_YEARS", 3))


def years_param(params: Mapping[str, str]) -> int:
    return int_param(params, "years", low=1, high=MAX_YEARS, default=idle_years_default())


@dataclass(frozen=True)
class ReviewParams:
    years: int
    period: Period
    thresholds: Thresholds


def review_params(params: Mapping[str, str], *, now: datetime) -> ReviewParams:
    """`years` (idle procedures), the period of the rates (this year unless asked),
    `late_min` and `supplement_min` (per cent), `min_dossiers`."""
    return ReviewParams(
        years=years_param(params),
        period=period_from_params(params, today=local(now).date(), default="year"),
        thresholds=Thresholds(
            late_percent=percent_param(params, "late_min", default=DEFAULT_LATE_PERCENT),
            supplement_percent=percent_param(
                params, "supplement_min", default=DEFAULT_SUPPLEMENT_PERCENT
            ),
            min_dossiers=int_param(
                params, "min_dossiers", low=1, high=1_000_000, default=DEFAULT_MIN_DOSSIERS
            ),
        ),
    )
