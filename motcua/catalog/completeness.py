"""Decision 766/QĐ-TTg: which of the seven parts a procedure's publication lacks.

Pure rules on plain values, so the same check serves the admin list, the 766 index and tests.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# The seven parts, in the order of the decision, with their Vietnamese labels.
PARTS: dict[str, str] = {
    "name": _("Tên thủ tục"),
    "steps": _("Trình tự thực hiện"),
    "methods": _("Cách thức thực hiện"),
    "components": _("Thành phần, số lượng hồ sơ"),
    "time_limit": _("Thời hạn giải quyết"),
    "applicants": _("Đối tượng thực hiện"),
    "agency": _("Cơ quan thực hiện"),
}


@dataclass(frozen=True)
class ComponentCopies:
    is_database: bool
    copies_original: int
    copies_copy: int


@dataclass(frozen=True)
class ProcedureParts:
    name: str
    steps_text: str
    methods: Sequence[bool]
    components: Sequence[ComponentCopies]
    time_limit_days: Decimal | None
    applicants: str
    has_agency: bool


def _components_complete(components: Sequence[ComponentCopies]) -> bool:
    # A component looked up in a national database needs no copies; every other one must
    # say how many originals or copies to bring.
    return bool(components) and all(
        c.is_database or c.copies_original + c.copies_copy > 0 for c in components
    )


def missing_parts(parts: ProcedureParts) -> list[str]:
    """The codes of `PARTS` that are missing, in the decision's order."""
    present = {
        "name": bool(parts.name.strip()),
        "steps": bool(parts.steps_text.strip()),
        "methods": any(parts.methods),
        "components": _components_complete(parts.components),
        "time_limit": parts.time_limit_days is not None,
        "applicants": bool(parts.applicants.strip()),
        "agency": parts.has_agency,
    }
    return [code for code in PARTS if not present[code]]


def part_labels(codes: Sequence[str]) -> list[str]:
    return [str(PARTS[code]) for code in codes]
