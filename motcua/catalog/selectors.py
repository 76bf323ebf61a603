"""Reads of the public catalog: only published versions, with their parts fetched in bulk."""

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.catalog.models import (
    Field,
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureStatus,
    ProcessStep,
)
from motcua.core.exceptions import NotFound
from motcua.core.text import fold


def published_procedures() -> QuerySet[Procedure]:
    return Procedure.objects.filter(status=ProcedureStatus.PUBLISHED)


def procedure_list(*, search: str = "", field: str = "") -> QuerySet[Procedure]:
    """Published procedures, by field then name. `search` ignores diacritics and case on any
    database: every folded word must appear in the folded name, code or field name."""
    procedures = (
        published_procedures()
        .select_related("field", "level", "handling_unit")
        .prefetch_related("fees")
        .order_by("field__name", "name", "code")
    )
    if field:
        procedures = procedures.filter(field__code=field)
    for word in fold(search).split():
        procedures = procedures.filter(search_text__contains=word)
    return procedures


def procedure_get(*, code: str) -> Procedure:
    """The published version of the procedure with this national code, all parts loaded."""
    procedure = (
        published_procedures()
        .select_related("field", "level", "handling_unit")
        .prefetch_related(
            Prefetch("components", queryset=ProcedureComponent.objects.order_by("order", "pk")),
            "fees",
            Prefetch(
                "process_steps",
                queryset=ProcessStep.objects.select_related("unit").order_by("order", "pk"),
            ),
        )
        .filter(code=code)
        .first()
    )
    if procedure is None:
        raise NotFound(
            _("Không tìm thấy thủ tục hành chính đang áp dụng có mã %(code)s.") % {"code": code}
        )
    return procedure


def procedure_component_form(*, code: str, component_id: int) -> ProcedureComponent:
    """A form template of a published procedure, for download."""
    component = (
        ProcedureComponent.objects.filter(
            pk=component_id, procedure__code=code, procedure__status=ProcedureStatus.PUBLISHED
        )
        .exclude(form_template="")
        .first()
    )
    if component is None:
        raise NotFound(_("Không tìm thấy mẫu đơn, tờ khai."))
    return component


def field_list() -> QuerySet[Field]:
    """Every field with the number of its published procedures (`procedure_count`)."""
    return Field.objects.annotate(
        procedure_count=Count("procedures", filter=Q(procedures__status=ProcedureStatus.PUBLISHED))
    ).order_by("name")


def field_summaries() -> QuerySet[Field]:
    """The fields that have published procedures, with `procedure_count` (home page)."""
    return field_list().filter(procedure_count__gt=0)


def _cached_rows(prefix: str, ids: set[int], load) -> dict[int, tuple]:  # type: ignore[no-untyped-def]
    """Rows of published versions by id, through the cache: a published version and its
    steps never change (a change is a new version), so they can be kept indefinitely."""
    keys = {f"{prefix}:{pk}": pk for pk in ids if pk is not None}
    found = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = set(keys.values()) - set(found)
    if missing:
        loaded = load(missing)
        cache.set_many({f"{prefix}:{pk}": row for pk, row in loaded.items()}, timeout=None)
        found.update(loaded)
    return found


def procedure_labels(ids: set[int]) -> dict[int, tuple[str, str]]:
    """`{procedure version id: (code, name)}` for lists of dossiers."""
    return _cached_rows(
        "catalog:procedure",
        ids,
        lambda missing: {
            pk: (code, name)
            for pk, code, name in Procedure.objects.filter(pk__in=missing).values_list(
                "pk", "code", "name"
            )
        },
    )


def process_step_labels(ids: set[int]) -> dict[int, tuple[int, str, str]]:
    """`{step id: (order, name, role)}` for lists of dossiers."""
    return _cached_rows(
        "catalog:step",
        ids,
        lambda missing: {
            pk: (order, name, role)
            for pk, order, name, role in ProcessStep.objects.filter(pk__in=missing).values_list(
                "pk", "order", "name", "role"
            )
        },
    )


def fees_due(procedure: Procedure, stage: str) -> list[ProcedureFee]:
    """The fee lines a dossier of `procedure` owes at `stage` (`FeeStage`); a zero line is not
    charged. Reads the prefetched fees when there are."""
    return [fee for fee in procedure.fees.all() if fee.stage == stage and fee.amount > 0]
