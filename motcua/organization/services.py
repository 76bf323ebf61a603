"""Writes to the unit tree."""

from django.db import transaction

from motcua.organization.models import Unit, UnitLevel


@transaction.atomic
def unit_create(
    *,
    name: str,
    level: UnitLevel,
    parent: Unit | None = None,
    code: str = "",
    short_name: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
) -> Unit:
    fields = dict(
        name=name,
        level=level,
        code=code,
        short_name=short_name,
        address=address,
        phone=phone,
        email=email,
    )
    probe = Unit(**fields)
    probe.full_clean(exclude=["path", "depth", "numchild"])
    if parent is None:
        return Unit.objects.add_root(fields)
    # Re-read the parent: its numchild/path may have changed since the caller loaded it.
    return Unit.objects.add_child(Unit.objects.get(pk=parent.pk), fields)
