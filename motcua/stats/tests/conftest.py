"""Dossiers as the statistics see them: rows in a given state, made directly (the services and
the generator are exercised elsewhere; here every kind of dossier of form II.06a is laid out
by hand, with its numbers worked out on paper)."""

import itertools
from datetime import datetime

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import Field, Procedure
from motcua.core import periods
from motcua.core.clock import VIETNAM_TZ
from motcua.dossiers.models import Channel, Dossier, Outcome
from motcua.dossiers.workflow import Status

# The first quarter of 2026: [1/1/2026 00:00, 1/4/2026 00:00) Vietnam time.
QUARTER = periods.quarter(2026, 1)
AFTER = datetime(2026, 6, 1, tzinfo=VIETNAM_TZ)  # "now" well after the quarter


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.fixture
def catalog(levels, units):
    secondary = Field.objects.create(code="giao-duc-trung-hoc", name="Giáo dục trung học")
    diplomas = Field.objects.create(code="van-bang-chung-chi", name="Văn bằng, chứng chỉ")

    def procedure(code: str, name: str, field: Field, unit) -> Procedure:  # type: ignore[no-untyped-def]
        return Procedure.objects.create(
            code=code,
            name=name,
            field=field,
            level=levels["department"],
            handling_unit=unit,
            accepts_online=True,
            accepts_postal=True,
            time_limit_days=3,
        )

    return {
        "transfer": procedure(
            "2.002481", "Chuyển trường học sinh trung học cơ sở", secondary, units["department"]
        ),
        "diploma": procedure(
            "3.000467.H18", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", diplomas, units["school"]
        ),
    }


@pytest.fixture
def make_dossier(catalog, units):
    numbers = itertools.count(1)

    def make(
        *,
        procedure: str = "transfer",
        agency: str = "department",
        channel: int = Channel.DIRECT,
        status: int = Status.PROCESSING,
        submitted_at: datetime | None = None,
        received_at: datetime | None = None,
        due_at: datetime | None = None,
        resolved_at: datetime | None = None,
        outcome: str = "",
        closed_at: datetime | None = None,
        multiple_supplements: bool = False,
    ) -> Dossier:
        number = next(numbers)
        return Dossier.objects.create(
            code=f"000.00.21.H29-260101-{number:04d}",
            procedure=catalog[procedure],
            agency=units[agency],
            channel=channel,
            status=status,
            applicant_name="Nguyễn Văn An",
            applicant_id_number="079090001234",
            request="Đề nghị giải quyết.",
            submitted_at=submitted_at or received_at or closed_at or vn(2026, 1, 1),
            received_at=received_at,
            due_at=due_at,
            original_due_at=due_at,
            resolved_at=resolved_at,
            outcome=outcome,
            returned_at=closed_at if status == Status.RETURNED else None,
            closed_at=closed_at,
            multiple_supplements=multiple_supplements,
            supplement_count=2 if multiple_supplements else 0,
        )

    return make


@pytest.fixture
def quarter_data(make_dossier):
    """One dossier of each kind around the first quarter of 2026 (numbers as in the test)."""
    d = make_dossier
    online, desk, post = Channel.ONLINE, Channel.DIRECT, Channel.POSTAL
    return {
        # 1. online, received in the quarter, resolved early, returned
        1: d(
            channel=online,
            status=Status.RETURNED,
            received_at=vn(2026, 1, 5, 8),
            due_at=vn(2026, 1, 8, 8),
            resolved_at=vn(2026, 1, 6, 9),
            outcome=Outcome.EARLY,
            closed_at=vn(2026, 1, 7, 9),
        ),
        # 2. at the desk, resolved on time, not returned yet
        2: d(
            channel=desk,
            status=Status.RESOLVED,
            received_at=vn(2026, 1, 10, 8),
            due_at=vn(2026, 1, 13, 17),
            resolved_at=vn(2026, 1, 13, 10),
            outcome=Outcome.ON_TIME,
        ),
        # 3. by post, resolved late
        3: d(
            channel=post,
            status=Status.RETURNED,
            received_at=vn(2026, 2, 2, 8),
            due_at=vn(2026, 2, 5, 8),
            resolved_at=vn(2026, 2, 10, 8),
            outcome=Outcome.LATE,
            closed_at=vn(2026, 2, 11, 8),
        ),
        # 4. carried over from December, resolved late in the quarter
        4: d(
            channel=desk,
            status=Status.RETURNED,
            received_at=vn(2025, 12, 20, 8),
            due_at=vn(2025, 12, 25, 8),
            resolved_at=vn(2026, 1, 3, 8),
            outcome=Outcome.LATE,
            closed_at=vn(2026, 1, 4, 8),
        ),
        # 5. carried over, still open at the end, overdue
        5: d(channel=desk, received_at=vn(2025, 12, 28, 8), due_at=vn(2026, 1, 2, 8)),
        # 6. online, open at the end, within time
        6: d(channel=online, received_at=vn(2026, 3, 30, 8), due_at=vn(2026, 4, 2, 8)),
        # 7. at the desk, open at the end, past its due date
        7: d(channel=desk, received_at=vn(2026, 3, 2, 8), due_at=vn(2026, 3, 5, 8)),
        # 8. open, due later, but supplemented twice: overdue whatever the dates say
        8: d(
            channel=desk,
            status=Status.WAITING_SUPPLEMENT,
            received_at=vn(2026, 3, 20, 8),
            due_at=vn(2026, 4, 10, 8),
            multiple_supplements=True,
        ),
        # 9. online, refused at reception in the quarter (never received)
        9: d(
            channel=online,
            status=Status.REFUSED,
            submitted_at=vn(2026, 2, 14, 8),
            closed_at=vn(2026, 2, 15, 8),
        ),
        # 10. at the desk, withdrawn in the quarter
        10: d(
            channel=desk,
            status=Status.WITHDRAWN,
            received_at=vn(2026, 2, 20, 8),
            due_at=vn(2026, 2, 23, 8),
            closed_at=vn(2026, 2, 25, 8),
        ),
        # 11. online, stopped in the quarter
        11: d(
            channel=online,
            status=Status.STOPPED,
            received_at=vn(2026, 1, 15, 8),
            due_at=vn(2026, 1, 18, 8),
            closed_at=vn(2026, 3, 1, 8),
        ),
        # 12. submitted online, never received: not counted anywhere
        12: d(channel=online, status=Status.SUBMITTED, submitted_at=vn(2026, 3, 10, 8)),
        # 13. resolved after the quarter: in progress (within time) at its end
        13: d(
            channel=desk,
            status=Status.RESOLVED,
            received_at=vn(2026, 3, 25, 8),
            due_at=vn(2026, 4, 3, 8),
            resolved_at=vn(2026, 4, 2, 8),
            outcome=Outcome.EARLY,
        ),
        # 14. finished before the quarter: not counted
        14: d(
            channel=desk,
            status=Status.RETURNED,
            received_at=vn(2025, 11, 1, 8),
            due_at=vn(2025, 11, 4, 8),
            resolved_at=vn(2025, 11, 3, 8),
            outcome=Outcome.EARLY,
            closed_at=vn(2025, 11, 3, 9),
        ),
        # 15. received after the quarter: not counted
        15: d(channel=desk, received_at=vn(2026, 4, 5, 8), due_at=vn(2026, 4, 8, 8)),
        # 16. withdrawn online before it was received: not counted
        16: d(
            channel=online,
            status=Status.WITHDRAWN,
            submitted_at=vn(2026, 1, 30, 8),
            closed_at=vn(2026, 2, 1, 8),
        ),
        # 17. a sub-unit (the school), another field: at the desk, resolved on time
        17: d(
            procedure="diploma",
            agency="school",
            channel=desk,
            status=Status.RETURNED,
            received_at=vn(2026, 1, 20, 8),
            due_at=vn(2026, 1, 20, 17),
            resolved_at=vn(2026, 1, 20, 15),
            outcome=Outcome.ON_TIME,
            closed_at=vn(2026, 1, 21, 8),
        ),
        # 18. a unit outside the department's tree: not in its report
        18: d(
            agency="other", channel=desk, received_at=vn(2026, 2, 2, 8), due_at=vn(2026, 2, 5, 8)
        ),
    }


@pytest.fixture
def staff(make_staff, units):
    """One person per role at the department (the school's principal at the school)."""
    return {
        "officer": make_staff(Role.OFFICER, "motcua"),
        "specialist": make_staff(Role.SPECIALIST, "chuyenvien"),
        "head": make_staff(Role.HEAD, "lanhdao"),
        "admin": make_staff(Role.ADMIN, "quantri"),
        "school": make_staff(Role.SCHOOL, "truong", unit=units["school"]),
    }
