"""Reads of the unit tree that every app's visibility rules share."""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr

from motcua.organization.models import Unit


def subtree_filter(units: Iterable[Unit], field: str = "") -> Q:
    """A Q matching the given units and everything below them.

    `field` is the lookup path to a Unit from the filtered model, e.g. "unit" for a model
    with a `unit` foreign key; empty when filtering Unit itself.
    """
    prefix = f"{field}__" if field else ""
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(**{f"{prefix}path__startswith": unit.path})
    return condition


def member_subtree(user_id: int) -> QuerySet[Unit]:
    """The units a person belongs to and every unit below them, as one query (usable as a
    subquery: `agency__in=member_subtree(user.pk).values("pk")`)."""
    membership = Unit.objects.filter(
        members=user_id, path=Substr(OuterRef("path"), 1, Length("path"))
    )
    return Unit.objects.filter(Exists(membership))


def unit_subtree(units: Iterable[Unit]) -> QuerySet[Unit]:
    return Unit.objects.filter(subtree_filter(list(units)))


def unit_tree() -> QuerySet[Unit]:
    return Unit.objects.select_related("level").order_by("path")
