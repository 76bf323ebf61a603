"""Reads of the public catalog: only published versions, with their parts fetched in bulk."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.catalog.models import (
    Field,
    Procedure,
    ProcedureComponent,
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
