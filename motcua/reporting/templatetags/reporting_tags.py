from datetime import date
from decimal import Decimal
from typing import Any

from django import template

from motcua.reporting.values import number_text

register = template.Library()


@register.filter
def shown_value(value: Any) -> str:
    """A report value for reading: 1.234,5 · 05/12/2026 · text; an em dash when empty."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


@register.filter
def filesize(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(size // 1024, 1)} KB"
