"""Writes to the catalog: drafts, publication, new versions, export and import.

A published or retired version is read-only: changing a procedure means
`procedure_new_version` (a draft copy), editing the draft, then `procedure_publish`,
which retires the version it replaces in the same transaction.
"""

import base64
import dataclasses
from collections.abc import Iterable, Sequence
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model, Prefetch
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.catalog.models import (
    DEFAULT_ACCEPTED_KINDS,
    ComponentSource,
    DocumentType,
    Field,
    FileKind,
    OnlineLevel,
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureStatus,
    ProcessStep,
    ResultType,
)
from motcua.catalog.process import process_hours_error
from motcua.core import clock
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.organization.models import Unit, UnitLevel

EXPORT_FORMAT = "motcua.catalog/1"


@dataclasses.dataclass(frozen=True)
class ComponentData:
    name: str
    copies_original: int = 0
    copies_copy: int = 0
    note: str = ""
    source: str = ComponentSource.UPLOAD
    database_name: str = ""
    database_agency: str = ""
    database_legal_basis: str = ""
    form_template: str = ""  # a name in the default storage, e.g. "catalog/forms/don.docx"
    is_required: bool = True
    document_type: str = ""  # a DocumentType code: papers of this type in the store are reused
    accepted_kinds: str = DEFAULT_ACCEPTED_KINDS


@dataclasses.dataclass(frozen=True)
class FeeData:
    name: str
    amount: int
    online_amount: int | None = None
    note: str = ""
    stage: str = "submission"  # FeeStage: due on receipt, or before the result is returned


@dataclasses.dataclass(frozen=True)
class ProcessStepData:
    name: str
    hours: Decimal
    role: str = ""
    unit: Unit | None = None


@dataclasses.dataclass(frozen=True)
class ProcedureData:
    """Everything a version of a procedure says, its parts included (their order is the
    order of the tuples)."""

    code: str
    name: str
    field: Field
    level: UnitLevel
    handling_unit: Unit
    legal_basis: str = ""
    steps_text: str = ""
    accepts_direct: bool = True
    accepts_postal: bool = False
    accepts_online: bool = False
    time_limit_days: Decimal | None = None
    online_time_limit_days: Decimal | None = None
    cutoff_time: time | None = None
    time_limit_text: str = ""
    applicants: str = ""
    result_type: str = ResultType.PAPER
    result_name: str = ""
    online_level: str = OnlineLevel.NONE
    online_payment: bool = False
    result_document_type: str = ""  # a DocumentType code: the e-result's type in the store
    is_demo_filled: bool = False
    demo_notes: str = ""
    sources: tuple[str, ...] = ()
    components: tuple[ComponentData, ...] = ()
    fees: tuple[FeeData, ...] = ()
    process_steps: tuple[ProcessStepData, ...] = ()
    assigned_officers: tuple[User, ...] = ()


# The attributes copied one to one between `ProcedureData` and `Procedure`.
_SCALARS = (
    "name",
    "field",
    "level",
    "handling_unit",
    "legal_basis",
    "steps_text",
    "accepts_direct",
    "accepts_postal",
    "accepts_online",
    "time_limit_days",
    "online_time_limit_days",
    "cutoff_time",
    "time_limit_text",
    "applicants",
    "result_type",
    "result_name",
    "online_level",
    "online_payment",
    "is_demo_filled",
    "demo_notes",
)
_COMPONENT_FIELDS = tuple(f.name for f in dataclasses.fields(ComponentData))
_FEE_FIELDS = tuple(f.name for f in dataclasses.fields(FeeData))


@dataclasses.dataclass
class ImportResult:
    fields_created: int = 0
    procedures_created: list[str] = dataclasses.field(default_factory=list)
    procedures_skipped: list[str] = dataclasses.field(default_factory=list)


# ---------------------------------------------------------------------------- validation


def _errors(error: ValidationError, prefix: str = "") -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        items = error.message_dict.items()
    else:
        items = [("non_field_errors", error.messages)]
    result: dict[str, list[str]] = {}
    for key, messages in items:
        key = "non_field_errors" if key == "__all__" else key
        result[f"{prefix}{key}" if prefix else key] = [str(m) for m in messages]
    return result


def _raise_invalid(errors: dict[str, list[str]]) -> None:
    first = next(iter(errors.values()))
    raise InvalidInput(first[0], errors=errors)


def _clean(instance: Model, *, prefix: str = "", exclude: Sequence[str] = ()) -> dict:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        return _errors(exc, prefix)
    return {}


def _check_process(procedure: Procedure, hours: Iterable[Decimal]) -> None:
    message = process_hours_error(time_limit_days=procedure.time_limit_days, hours=hours)
    if message:
        raise InvalidInput(message, field="process_steps")


def _lock_versions(code: str) -> list[Procedure]:
    return list(Procedure.objects.select_for_update().filter(code=code).order_by("version"))


def _ensure_editable(procedure: Procedure) -> None:
    if procedure.status != ProcedureStatus.DRAFT:
        raise Conflict(
            _(
                "Thủ tục %(code)s phiên bản %(version)s đã công bố, không được sửa; "
                "hãy tạo phiên bản mới."
            )
            % {"code": procedure.code, "version": procedure.version}
        )


# ---------------------------------------------------------------------------- writes


def _document_types(data: ProcedureData) -> dict[str, DocumentType]:
    """The document types `data` names, by code; an unknown code is refused."""
    wanted = {
        (code, where)
        for code, where in [
            (data.result_document_type, "result_document_type"),
            *(
                (c.document_type, f"components[{i}].document_type")
                for i, c in enumerate(data.components)
            ),
        ]
        if code
    }
    types = {t.code: t for t in DocumentType.objects.filter(code__in={c for c, _w in wanted})}
    for code, where in sorted(wanted):
        if code not in types:
            raise InvalidInput(
                _("Không có loại giấy tờ mã %(code)s.") % {"code": code}, field=where
            )
    return types


def _kinds_error(value: str) -> str | None:
    parts = [p.strip() for p in value.split(",")]
    if not value.strip() or any(p not in FileKind.values for p in parts):
        return _("Định dạng được nhận là danh sách pdf, jpeg, png cách nhau bởi dấu phẩy.")
    return None


def _component(
    index: int, data: ComponentData, types: dict[str, DocumentType]
) -> ProcedureComponent:
    values = {f.name: getattr(data, f.name) for f in dataclasses.fields(ComponentData)}
    code = values.pop("document_type")
    return ProcedureComponent(order=index, document_type=types.get(code), **values)


def _write(procedure: Procedure, data: ProcedureData) -> Procedure:
    """Validates and saves the procedure and replaces its parts with those of `data`."""
    types = _document_types(data)
    for name in _SCALARS:
        setattr(procedure, name, getattr(data, name))
    procedure.result_document_type = types.get(data.result_document_type)
    procedure.sources = list(data.sources)
    errors = _clean(procedure)

    components = [
        _component(index, component, types)
        for index, component in enumerate(data.components, start=1)
    ]
    for index, component in enumerate(data.components):
        message = _kinds_error(component.accepted_kinds)
        if message:
            errors[f"components[{index}].accepted_kinds"] = [message]
    fees = [ProcedureFee(**dataclasses.asdict(fee)) for fee in data.fees]
    steps = [
        ProcessStep(order=index, name=step.name, hours=step.hours, role=step.role, unit=step.unit)
        for index, step in enumerate(data.process_steps, start=1)
    ]
    for group, rows in (("components", components), ("fees", fees), ("process_steps", steps)):
        for index, row in enumerate(rows):
            errors.update(_clean(row, prefix=f"{group}[{index}].", exclude=["procedure"]))
    if errors:
        _raise_invalid(errors)
    _check_process(procedure, (step.hours for step in steps))

    procedure.save()
    procedure.components.all().delete()
    procedure.fees.all().delete()
    procedure.process_steps.all().delete()
    for rows in (components, fees, steps):
        for row in rows:
            row.procedure = procedure
    ProcedureComponent.objects.bulk_create(components)
    ProcedureFee.objects.bulk_create(fees)
    ProcessStep.objects.bulk_create(steps)
    procedure.assigned_officers.set(data.assigned_officers)
    return procedure


@transaction.atomic
def procedure_create(*, data: ProcedureData) -> Procedure:
    """Creates version 1 of a new procedure as a draft."""
    if Procedure.objects.filter(code=data.code).exists():
        raise Conflict(
            _("Thủ tục mã %(code)s đã có; hãy tạo phiên bản mới của thủ tục đó.")
            % {"code": data.code},
            field="code",
        )
    return _write(Procedure(code=data.code, version=1), data)


@transaction.atomic
def procedure_update(*, procedure: Procedure, data: ProcedureData) -> Procedure:
    """Replaces everything a draft says. Published and retired versions are read-only."""
    locked = Procedure.objects.select_for_update().get(pk=procedure.pk)
    _ensure_editable(locked)
    if data.code != locked.code:
        raise InvalidInput(_("Không được đổi mã thủ tục của một phiên bản."), field="code")
    return _write(locked, data)


def _component_value(component: ProcedureComponent, name: str) -> Any:
    if name == "form_template":
        return component.form_template.name or ""
    if name == "document_type":
        return component.document_type.code if component.document_type else ""
    return getattr(component, name)


def procedure_data(procedure: Procedure) -> ProcedureData:
    """What a stored version says, as data a new version can start from."""
    result_type = procedure.result_document_type
    return ProcedureData(
        code=procedure.code,
        **{name: getattr(procedure, name) for name in _SCALARS},
        result_document_type=result_type.code if result_type else "",
        sources=tuple(procedure.sources),
        components=tuple(
            ComponentData(**{name: _component_value(c, name) for name in _COMPONENT_FIELDS})
            for c in procedure.components.select_related("document_type").order_by("order", "pk")
        ),
        fees=tuple(
            FeeData(**{name: getattr(f, name) for name in _FEE_FIELDS})
            for f in procedure.fees.order_by("pk")
        ),
        process_steps=tuple(
            ProcessStepData(name=s.name, hours=s.hours, role=s.role, unit=s.unit)
            for s in procedure.process_steps.select_related("unit").order_by("order", "pk")
        ),
        assigned_officers=tuple(procedure.assigned_officers.order_by("pk")),
    )


@transaction.atomic
def procedure_new_version(*, procedure: Procedure) -> Procedure:
    """Copies a version (parts, fees, process, officers) into a new draft version."""
    versions = _lock_versions(procedure.code)
    draft = next((v for v in versions if v.status == ProcedureStatus.DRAFT), None)
    if draft is not None:
        raise Conflict(
            _("Thủ tục %(code)s đã có bản dự thảo phiên bản %(version)s; hãy sửa bản đó.")
            % {"code": draft.code, "version": draft.version},
            extra={"draft_id": draft.pk},
        )
    source = next(v for v in versions if v.pk == procedure.pk)
    new_version = max(v.version for v in versions) + 1
    return _write(Procedure(code=source.code, version=new_version), procedure_data(source))


@transaction.atomic
def procedure_publish(*, procedure: Procedure, at: datetime | None = None) -> Procedure:
    """Publishes a draft from `at` (now by default) and retires the version it replaces."""
    at = at or clock.now()
    versions = _lock_versions(procedure.code)
    target = next(v for v in versions if v.pk == procedure.pk)
    if target.status != ProcedureStatus.DRAFT:
        raise Conflict(_("Chỉ công bố được phiên bản đang dự thảo."))
    if target.time_limit_days is None:
        raise InvalidInput(
            _("Cần nhập thời hạn giải quyết trước khi công bố."), field="time_limit_days"
        )
    _check_process(target, target.process_steps.values_list("hours", flat=True))
    for version in versions:
        if version.status != ProcedureStatus.PUBLISHED:
            continue
        if version.valid_from and at < version.valid_from:
            raise InvalidInput(
                _("Thời điểm công bố phải sau thời điểm áp dụng của phiên bản đang áp dụng."),
                field="valid_from",
            )
        version.status = ProcedureStatus.RETIRED
        version.valid_until = at
        version.save(update_fields=["status", "valid_until", "updated_at"])
    target.status = ProcedureStatus.PUBLISHED
    target.valid_from = at
    target.valid_until = None
    target.save(update_fields=["status", "valid_from", "valid_until", "updated_at"])
    return target


@transaction.atomic
def procedure_retire(*, procedure: Procedure, at: datetime | None = None) -> Procedure:
    """Stops a published version without a successor (the procedure is abolished)."""
    at = at or clock.now()
    locked = Procedure.objects.select_for_update().get(pk=procedure.pk)
    if locked.status != ProcedureStatus.PUBLISHED:
        raise Conflict(_("Chỉ bãi bỏ được phiên bản đang áp dụng."))
    if locked.valid_from and at < locked.valid_from:
        raise InvalidInput(_("Thời điểm bãi bỏ phải sau thời điểm áp dụng."), field="valid_until")
    locked.status = ProcedureStatus.RETIRED
    locked.valid_until = at
    locked.save(update_fields=["status", "valid_until", "updated_at"])
    return locked


# ---------------------------------------------------------------------------- export, import
#
# The export is plain JSON: decimals as strings, instants in ISO 8601 with their offset,
# units by electronic code (or name when they have none), levels and fields by code, officers
# by username. Form templates travel inside the file as base64, so one file holds the whole
# catalog; an import never overwrites a version that already exists.

_PROCEDURE_EXPORT = (
    "code",
    "version",
    "status",
    "valid_from",
    "valid_until",
    "name",
    "legal_basis",
    "steps_text",
    "accepts_direct",
    "accepts_postal",
    "accepts_online",
    "time_limit_days",
    "online_time_limit_days",
    "cutoff_time",
    "time_limit_text",
    "applicants",
    "result_type",
    "result_name",
    "online_level",
    "online_payment",
    "is_demo_filled",
    "demo_notes",
    "sources",
)
_COMPONENT_EXPORT = (
    "name",
    "copies_original",
    "copies_copy",
    "note",
    "is_required",
    "source",
    "database_name",
    "database_agency",
    "database_legal_basis",
    "accepted_kinds",
)
_DOCUMENT_TYPE_EXPORT = ("code", "name", "issuer", "validity_months")


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return clock.local(value).isoformat()
    if isinstance(value, time):
        return value.isoformat()
    return value


def _unit_ref(unit: Unit | None) -> dict | None:
    return None if unit is None else {"code": unit.code, "name": unit.name}


def _file_ref(component: ProcedureComponent) -> dict | None:
    file = component.form_template
    if not file:
        return None
    content = None
    if file.storage.exists(file.name):
        with file.storage.open(file.name, "rb") as handle:
            content = base64.b64encode(handle.read()).decode("ascii")
    return {"name": file.name, "content_base64": content}


def _type_code(document_type: DocumentType | None) -> str | None:
    return document_type.code if document_type else None


def _export_procedure(procedure: Procedure) -> dict:
    item = {name: _json(getattr(procedure, name)) for name in _PROCEDURE_EXPORT}
    item["field"] = procedure.field.code
    item["level"] = procedure.level.code
    item["handling_unit"] = _unit_ref(procedure.handling_unit)
    item["assigned_officers"] = sorted(u.username for u in procedure.assigned_officers.all())
    item["result_document_type"] = _type_code(procedure.result_document_type)
    item["components"] = [
        {
            **{name: getattr(c, name) for name in _COMPONENT_EXPORT},
            "document_type": _type_code(c.document_type),
            "form_template": _file_ref(c),
        }
        for c in procedure.components.all()
    ]
    item["fees"] = [
        {
            "name": f.name,
            "amount": f.amount,
            "online_amount": f.online_amount,
            "note": f.note,
            "stage": f.stage,
        }
        for f in procedure.fees.all()
    ]
    item["process_steps"] = [
        {"name": s.name, "role": s.role, "unit": _unit_ref(s.unit), "hours": _json(s.hours)}
        for s in procedure.process_steps.all()
    ]
    return item


def catalog_export() -> dict:
    """The whole catalog (every field and every version) as JSON-ready data."""
    procedures = (
        Procedure.objects.select_related("field", "level", "handling_unit", "result_document_type")
        .prefetch_related(
            Prefetch(
                "components",
                queryset=ProcedureComponent.objects.select_related("document_type"),
            ),
            "fees",
            Prefetch("process_steps", queryset=ProcessStep.objects.select_related("unit")),
            "assigned_officers",
        )
        .order_by("code", "version")
    )
    return {
        "format": EXPORT_FORMAT,
        "fields": [{"code": f.code, "name": f.name} for f in Field.objects.order_by("code")],
        "document_types": [
            {name: getattr(t, name) for name in _DOCUMENT_TYPE_EXPORT}
            for t in DocumentType.objects.order_by("code")
        ],
        "procedures": [_export_procedure(p) for p in procedures],
    }


def _value(model: type[Model], name: str, raw: Any, where: str) -> Any:
    try:
        return model._meta.get_field(name).to_python(raw)
    except ValidationError as exc:
        raise InvalidInput(f"{where}.{name}: {exc.messages[0]}", field=f"{where}.{name}") from exc


def _required(item: dict, key: str, where: str) -> Any:
    if key not in item or item[key] in (None, ""):
        raise InvalidInput(
            _("%(where)s: thiếu %(key)s.") % {"where": where, "key": key}, field=f"{where}.{key}"
        )
    return item[key]


def _find_unit(ref: dict | None, where: str) -> Unit | None:
    if not ref:
        return None
    units = (
        Unit.objects.filter(code=ref["code"])
        if ref.get("code")
        else Unit.objects.filter(name=ref.get("name", ""), code="")
    )
    found = list(units[:2])
    if len(found) != 1:
        raise InvalidInput(
            _("%(where)s: không tìm thấy đơn vị %(unit)s.")
            % {"where": where, "unit": ref.get("code") or ref.get("name")},
            field=where,
        )
    return found[0]


def _restore_file(ref: dict | None) -> str:
    """Puts an exported form template back in storage; the same name when the same bytes are
    already there, so a round trip keeps the names."""
    if not ref:
        return ""
    name, content = ref["name"], ref.get("content_base64")
    if content is None:
        return name
    raw = base64.b64decode(content)
    storage = ProcedureComponent._meta.get_field("form_template").storage
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            if handle.read() == raw:
                return name
    return storage.save(name, ContentFile(raw))


def _import_data(item: dict, where: str, fields: dict[str, Field]) -> ProcedureData:
    def value(name: str) -> Any:
        return _value(Procedure, name, item[name], where)

    field_code = _required(item, "field", where)
    level_code = _required(item, "level", where)
    try:
        field = fields.get(field_code) or Field.objects.get(code=field_code)
        level = UnitLevel.objects.get(code=level_code)
    except ObjectDoesNotExist as exc:
        raise InvalidInput(
            _("%(where)s: không tìm thấy lĩnh vực %(field)s hoặc cấp %(level)s.")
            % {"where": where, "field": field_code, "level": level_code},
            field=where,
        ) from exc
    usernames = list(item.get("assigned_officers", []))
    officers = tuple(User.objects.filter(username__in=usernames).order_by("pk"))
    if len(officers) != len(set(usernames)):
        missing = sorted(set(usernames) - {u.username for u in officers})
        raise InvalidInput(
            _("%(where)s: không tìm thấy cán bộ %(users)s.")
            % {"where": where, "users": ", ".join(missing)},
            field=f"{where}.assigned_officers",
        )
    scalars = {
        name: value(name)
        for name in _SCALARS
        if name not in {"field", "level", "handling_unit"} and name in item
    }
    components = tuple(
        ComponentData(
            **{
                name: _value(ProcedureComponent, name, c[name], f"{where}.components[{i}]")
                for name in _COMPONENT_EXPORT
                if name in c
            },
            document_type=c.get("document_type") or "",
            form_template=_restore_file(c.get("form_template")),
        )
        for i, c in enumerate(item.get("components", []))
    )
    fees = tuple(
        FeeData(
            **{
                name: _value(ProcedureFee, name, f[name], f"{where}.fees[{i}]")
                for name in _FEE_FIELDS
                if name in f
            }
        )
        for i, f in enumerate(item.get("fees", []))
    )
    steps = tuple(
        ProcessStepData(
            name=s["name"],
            hours=_value(ProcessStep, "hours", s["hours"], f"{where}.process_steps[{i}]"),
            role=s.get("role", ""),
            unit=_find_unit(s.get("unit"), f"{where}.process_steps[{i}].unit"),
        )
        for i, s in enumerate(item.get("process_steps", []))
    )
    return ProcedureData(
        code=_required(item, "code", where),
        field=field,
        level=level,
        handling_unit=_find_unit(_required(item, "handling_unit", where), f"{where}.handling_unit"),
        sources=tuple(item.get("sources", [])),
        components=components,
        fees=fees,
        process_steps=steps,
        assigned_officers=officers,
        result_document_type=item.get("result_document_type") or "",
        **scalars,
    )


@transaction.atomic
def catalog_import(*, data: dict) -> ImportResult:
    """Loads a `catalog_export()` file. Fields and document types are created or updated;
    versions already present (same code and version) are left as they are. Units, levels and
    officers must exist. All or nothing: any error rolls the whole import back."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise InvalidInput(
            _("Tệp không phải dữ liệu danh mục thủ tục (format %(format)s).")
            % {"format": EXPORT_FORMAT},
            field="format",
        )
    result = ImportResult()
    fields: dict[str, Field] = {}
    for i, item in enumerate(data.get("fields", [])):
        code = _required(item, "code", f"fields[{i}]")
        field, created = Field.objects.get_or_create(code=code, defaults={"name": item["name"]})
        if not created and field.name != item["name"]:
            field.name = item["name"]
            field.save()
        result.fields_created += created
        fields[code] = field
    for i, item in enumerate(data.get("document_types", [])):
        where = f"document_types[{i}]"
        values = {
            name: _value(DocumentType, name, item.get(name), where)
            for name in _DOCUMENT_TYPE_EXPORT
            if name != "code"
        }
        values["issuer"] = values["issuer"] or ""
        document_type, created = DocumentType.objects.get_or_create(
            code=_required(item, "code", where), defaults=values
        )
        if not created and any(getattr(document_type, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(document_type, name, value)
            document_type.save()

    items = sorted(
        enumerate(data.get("procedures", [])),
        # Retired before published, so one code never has two published rows at a time.
        key=lambda pair: (pair[1].get("status") == ProcedureStatus.PUBLISHED, pair[0]),
    )
    for i, item in items:
        where = f"procedures[{i}]"
        code = _required(item, "code", where)
        version = _value(Procedure, "version", _required(item, "version", where), where)
        label = f"{code} v{version}"
        if Procedure.objects.filter(code=code, version=version).exists():
            result.procedures_skipped.append(label)
            continue
        procedure = Procedure(
            code=code,
            version=version,
            status=_value(Procedure, "status", item.get("status", "draft"), where),
            valid_from=_value(Procedure, "valid_from", item.get("valid_from"), where),
            valid_until=_value(Procedure, "valid_until", item.get("valid_until"), where),
        )
        _write(procedure, _import_data(item, where, fields))
        result.procedures_created.append(label)
    return result


def field_get_or_create(*, code: str, name: str) -> Field:
    field, _created = Field.objects.get_or_create(code=code, defaults={"name": name})
    return field
