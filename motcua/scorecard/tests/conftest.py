"""A hand-built dataset for the Decision 766 index: a few procedures and a dozen dossiers
written directly with explicit instants (no services, so every field is what the test says),
chosen so that each criterion has a numerator and denominator counted by hand in the tests.

Units (root conftest): province > district > department > school, and "other" beside the
district. The index is asked for the department (its school included) in quarter 1 of 2026:
[2026-01-01, 2026-04-01) Vietnam time.

Dossiers (department unless said otherwise; dates of 2026 unless said otherwise):

| #   | procedure | channel | received     | due          | resolved         |
|-----|-----------|---------|--------------|--------------|------------------|
| d1  | full      | online  | Mon 05/01    | Thu 08/01    | Wed 07/01 early  |
| d2  | full      | direct  | Mon 12/01    | Thu 22/01 *  | Wed 21/01 early  |
| d3  | partial   | online  | Mon 02/02    | Thu 05/02    | Wed 04/02 LATE   |
| d4  | partial   | direct  | Fri 20/03    | Wed 25/03    | open             |
| d5  | school    | postal  | Thu 26/03    | Fri 10/04    | open             |
| d6  | partial   | online  | Tue 10/03    | Mon 06/04    | Wed 08/04 (late) |
| d7  | partial   | direct  | Mon 16/03    | Thu 19/03    | open, waiting    |
| d8  | other     | direct  | Tue 06/01    | Thu 08/01    | Wed 07/01        |
| d9  | full      | online  | Mon 22/12/25 | Thu 25/12/25 | Mon 05/01 LATE   |
| d10 | partial   | online  | refused at reception on 11/02, never received   |
| d11 | fee2      | direct  | Fri 13/02    | Tue 24/02    | Mon 23/02 early  |
| d12 | partial   | online  | submitted 30/03, not received                   |
| d13 | full      | postal  | Mon 02/03    | Thu 05/03    | Tue 03/03 early  |

- d1: e-result kept in the applicant's store, a file taken from the store, paid online, every
  portal event delivered, rated very satisfied.
- d2: * due 15/01, moved to 22/01 by a supplement wait of 5 working days (13/01–20/01);
  e-result not in the store; paid in cash; one event still pending; rated dissatisfied.
- d3: two supplement requests (late by rule though done before its due date); no e-result,
  no portal event.
- d4: overdue at the end of the period; no portal event.
- d5: the school's (a sub-unit); its procedure takes a paper from a national database; synced.
- d6: resolved only after the period (so open at its end, then within time); a dead event.
- d7: waiting for a supplement since Wed 18/03, before its due date.
- d8: another district's, never counted (rated very dissatisfied).
- d9: received before the period, resolved late in it; e-result not in the store.
- d11: refused on the merits (granted=False); its fee never paid.
- d13: e-result kept in the store; paid online; synced; rated neutral.
"""

from datetime import datetime
from decimal import Decimal

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import (
    ComponentSource,
    Field,
    OnlineLevel,
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureStatus,
)
from motcua.core.clock import VIETNAM_TZ
from motcua.documents.models import EResult, StoredDocument, StoredOrigin
from motcua.dossiers.models import Channel, Dossier, DossierFile, Outcome, Pause, PauseKind
from motcua.dossiers.workflow import Status
from motcua.feedback.models import AnswerRating, DossierRating, Feedback, FeedbackKind
from motcua.feedback.workflow import Status as FeedbackStatus
from motcua.payments.models import Method, OrderStatus, PaymentOrder
from motcua.sync.models import EventKind, EventState, OutboxEvent


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VIETNAM_TZ)


def _procedure(code: str, unit, level, field, **values) -> Procedure:  # type: ignore[no-untyped-def]
    defaults = {
        "name": f"Thủ tục {code}",
        "status": ProcedureStatus.PUBLISHED,
        "valid_from": vn(2025, 1, 1),
        "steps_text": "Nộp hồ sơ\nGiải quyết\nTrả kết quả",
        "accepts_direct": True,
        "time_limit_days": Decimal("3"),
        "applicants": "Công dân Việt Nam",
    }
    procedure = Procedure.objects.create(
        code=code, field=field, level=level, handling_unit=unit, **{**defaults, **values}
    )
    ProcedureComponent.objects.create(
        procedure=procedure, order=1, name="Đơn đề nghị", copies_original=1
    )
    return procedure


@pytest.fixture
def catalog(units, levels):
    """Published procedures: full (fee, online payment), partial (no applicants), school's
    (a database component), fee2 (fee, no online payment, no steps), other's; a draft."""
    field = Field.objects.create(code="van-bang", name="Văn bằng, chứng chỉ")
    department, level = units["department"], levels["department"]
    full = _procedure(
        "1.000001",
        department,
        level,
        field,
        online_level=OnlineLevel.FULL,
        accepts_online=True,
        online_payment=True,
    )
    ProcedureFee.objects.create(procedure=full, name="Lệ phí", amount=50000)
    partial = _procedure(
        "1.000002",
        department,
        level,
        field,
        online_level=OnlineLevel.PARTIAL,
        accepts_online=True,
        applicants="  ",
    )
    school = _procedure("1.000003", units["school"], level, field)
    ProcedureComponent.objects.create(
        procedure=school,
        order=2,
        name="Giấy khai sinh",
        source=ComponentSource.DATABASE,
        database_name="CSDL quốc gia về dân cư",
    )
    fee2 = _procedure("1.000004", department, level, field, steps_text="")
    ProcedureFee.objects.create(procedure=fee2, name="Phí thẩm định", amount=100000)
    ProcedureFee.objects.create(procedure=fee2, name="Miễn phí bản sao", amount=0)
    other = _procedure("1.000005", units["other"], level, field)
    draft = _procedure("1.000006", department, level, field, status=ProcedureStatus.DRAFT)
    return {
        "full": full,
        "partial": partial,
        "school": school,
        "fee2": fee2,
        "other": other,
        "draft": draft,
    }


class Builder:
    def __init__(self, units, catalog, officer):  # type: ignore[no-untyped-def]
        self.units = units
        self.catalog = catalog
        self.officer = officer
        self.count = 0
        self.events = 0

    def dossier(self, procedure: str, channel: int, *, unit: str = "department", **values):  # type: ignore[no-untyped-def]
        self.count += 1
        received = values.get("received_at")
        submitted = values.pop("submitted_at", received)
        return Dossier.objects.create(
            code=f"000.00.21.H29-260101-{self.count:04d}",
            procedure=self.catalog[procedure],
            agency=self.units[unit],
            channel=channel,
            applicant_name="Nguyễn Văn An",
            applicant_id_number="079090001234",
            applicant_phone="0912345678",
            request="Cấp bản sao văn bằng",
            submitted_at=submitted,
            **values,
        )

    def events_(self, dossier: Dossier, *states: str) -> None:
        for sequence, state in enumerate(states, start=1):
            self.events += 1
            OutboxEvent.objects.create(
                dossier=dossier,
                sequence=sequence,
                kind=EventKind.DOSSIER if sequence % 2 else EventKind.STEP,
                key=f"{dossier.code}:{self.events}",
                payload={},
                state=state,
                created_at=dossier.submitted_at,
                next_attempt_at=dossier.submitted_at,
            )

    def stored(self, title: str) -> StoredDocument:
        return StoredDocument.objects.create(
            owner_id_number="079090001234",
            title=title,
            file="store/x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=100,
            sha256="0" * 64,
            origin=StoredOrigin.E_RESULT,
            created_at=vn(2026, 1, 1),
        )

    def e_result(self, dossier: Dossier, *, in_store: bool) -> EResult:
        return EResult.objects.create(
            dossier=dossier,
            verification_code=f"KQ{dossier.pk:06d}",
            title="Bản sao văn bằng",
            file="results/x.pdf",
            size=100,
            sha256="1" * 64,
            signer_name="Phòng GD&ĐT",
            certificate_serial="01",
            signed_at=dossier.resolved_at,
            stored_document=self.stored("Kết quả") if in_store else None,
        )

    def paid(self, dossier: Dossier, method: str, at: datetime) -> PaymentOrder:
        return PaymentOrder.objects.create(
            dossier=dossier,
            stage="submission",
            method=method,
            status=OrderStatus.PAID,
            txn_ref=f"TX{dossier.pk:06d}{method}",
            amount=50000,
            created_at=at,
            paid_at=at,
        )

    def pause(self, dossier: Dossier, number: int, start: datetime, end: datetime | None) -> None:
        Pause.objects.create(
            dossier=dossier,
            kind=PauseKind.SUPPLEMENT,
            number=number,
            started_at=start,
            ended_at=end,
            resume_status=Status.PROCESSING,
            reason="Thiếu bản sao giấy khai sinh",
            requested_by=self.officer,
        )


@pytest.fixture
def dataset(units, catalog, make_staff):
    b = Builder(units, catalog, make_staff(Role.OFFICER, "motcua"))
    done = {"status": Status.RETURNED, "granted": True}
    d = {}
    d[1] = b.dossier(
        "full",
        Channel.ONLINE,
        received_at=vn(2026, 1, 5, 8),
        due_at=vn(2026, 1, 8, 8),
        resolved_at=vn(2026, 1, 7, 10),
        closed_at=vn(2026, 1, 8, 9),
        outcome=Outcome.EARLY,
        has_digitized_components=True,
        **done,
    )
    d[2] = b.dossier(
        "full",
        Channel.DIRECT,
        received_at=vn(2026, 1, 12, 8),
        original_due_at=vn(2026, 1, 15, 8),
        due_at=vn(2026, 1, 22, 8),
        paused_seconds=5 * 8 * 3600,
        supplement_count=1,
        resolved_at=vn(2026, 1, 21, 15),
        closed_at=vn(2026, 1, 22, 9),
        outcome=Outcome.EARLY,
        **done,
    )
    d[3] = b.dossier(
        "partial",
        Channel.ONLINE,
        received_at=vn(2026, 2, 2, 8),
        due_at=vn(2026, 2, 5, 8),
        supplement_count=2,
        multiple_supplements=True,
        resolved_at=vn(2026, 2, 4, 16),
        closed_at=vn(2026, 2, 5, 9),
        outcome=Outcome.LATE,
        has_digitized_components=True,
        **done,
    )
    d[4] = b.dossier(
        "partial",
        Channel.DIRECT,
        status=Status.PROCESSING,
        received_at=vn(2026, 3, 20, 8),
        due_at=vn(2026, 3, 25, 8),
    )
    d[5] = b.dossier(
        "school",
        Channel.POSTAL,
        unit="school",
        status=Status.PROCESSING,
        received_at=vn(2026, 3, 26, 8),
        due_at=vn(2026, 4, 10, 8),
    )
    d[6] = b.dossier(
        "partial",
        Channel.ONLINE,
        received_at=vn(2026, 3, 10, 8),
        due_at=vn(2026, 4, 6, 8),
        resolved_at=vn(2026, 4, 8, 10),
        outcome=Outcome.LATE,
        status=Status.RESOLVED,
        granted=True,
    )
    d[7] = b.dossier(
        "partial",
        Channel.DIRECT,
        status=Status.WAITING_SUPPLEMENT,
        received_at=vn(2026, 3, 16, 8),
        due_at=vn(2026, 3, 19, 8),
        supplement_count=1,
    )
    d[8] = b.dossier(
        "other",
        Channel.DIRECT,
        unit="other",
        received_at=vn(2026, 1, 6, 8),
        due_at=vn(2026, 1, 8, 8),
        resolved_at=vn(2026, 1, 7, 8),
        closed_at=vn(2026, 1, 7, 9),
        outcome=Outcome.EARLY,
        **done,
    )
    d[9] = b.dossier(
        "full",
        Channel.ONLINE,
        received_at=vn(2025, 12, 22, 8),
        due_at=vn(2025, 12, 25, 8),
        resolved_at=vn(2026, 1, 5, 10),
        closed_at=vn(2026, 1, 5, 11),
        outcome=Outcome.LATE,
        **done,
    )
    d[10] = b.dossier(
        "partial",
        Channel.ONLINE,
        status=Status.REFUSED,
        submitted_at=vn(2026, 2, 10, 8),
        closed_at=vn(2026, 2, 11, 8),
    )
    d[11] = b.dossier(
        "fee2",
        Channel.DIRECT,
        received_at=vn(2026, 2, 13, 8),
        due_at=vn(2026, 2, 24, 8),
        resolved_at=vn(2026, 2, 23, 10),
        closed_at=vn(2026, 2, 23, 11),
        outcome=Outcome.EARLY,
        status=Status.RETURNED,
        granted=False,
    )
    d[12] = b.dossier("partial", Channel.ONLINE, submitted_at=vn(2026, 3, 30, 8))
    d[13] = b.dossier(
        "full",
        Channel.POSTAL,
        received_at=vn(2026, 3, 2, 8),
        due_at=vn(2026, 3, 5, 8),
        resolved_at=vn(2026, 3, 3, 10),
        closed_at=vn(2026, 3, 3, 11),
        outcome=Outcome.EARLY,
        has_digitized_components=True,
        **done,
    )

    # Supplement waits: d2's (closed: its due date moved), d3's two, d7's still open.
    b.pause(d[2], 1, vn(2026, 1, 13, 9), vn(2026, 1, 20, 9))
    b.pause(d[3], 1, vn(2026, 2, 2, 10), vn(2026, 2, 3, 8))
    b.pause(d[3], 2, vn(2026, 2, 3, 9), vn(2026, 2, 3, 15))
    b.pause(d[7], 1, vn(2026, 3, 18, 10), None)

    # Portal events.
    b.events_(d[1], EventState.DELIVERED, EventState.DELIVERED)
    b.events_(d[2], EventState.DELIVERED, EventState.PENDING)
    b.events_(d[5], EventState.DELIVERED, EventState.DELIVERED)
    b.events_(d[6], EventState.DEAD, EventState.DELIVERED)
    b.events_(d[13], EventState.DELIVERED)
    b.events_(d[8], EventState.DELIVERED)

    # E-results (d1 and d13 kept in the applicant's store), a file reused from the store.
    b.e_result(d[1], in_store=True)
    b.e_result(d[2], in_store=False)
    b.e_result(d[9], in_store=False)
    b.e_result(d[13], in_store=True)
    DossierFile.objects.create(
        dossier=d[1],
        file="dossiers/x.pdf",
        original_name="bang.pdf",
        size=100,
        uploaded_at=vn(2026, 1, 5, 8),
        stored_document=b.stored("Bằng tốt nghiệp"),
    )
    DossierFile.objects.create(
        dossier=d[2],
        file="dossiers/y.pdf",
        original_name="don.pdf",
        size=100,
        uploaded_at=vn(2026, 1, 12, 8),
    )

    # Payments: d1 and d13 online, d2 in cash; d11 never paid.
    b.paid(d[1], Method.ONLINE, vn(2026, 1, 5, 9))
    b.paid(d[2], Method.CASH, vn(2026, 1, 12, 9))
    b.paid(d[13], Method.ONLINE, vn(2026, 3, 2, 9))

    # Dossier ratings in the period: d1 very satisfied, d2 dissatisfied, d13 neutral; d8 is
    # another district's.
    for number, level in ((1, 5), (2, 2), (13, 3), (8, 1)):
        DossierRating.objects.create(
            dossier=d[number], level=level, channel="kiosk", rated_at=d[number].closed_at
        )

    # Feedback closed in the period: f1, f5 (the school's), f6 on time, f2 late; f3 another
    # district's; f4 closed after the period. So 6.1 counts f1, f2, f5, f6.
    f = {}
    for number, (unit, status, late, closed) in {
        1: ("department", FeedbackStatus.PUBLISHED, False, vn(2026, 2, 10, 9)),
        2: ("department", FeedbackStatus.REFUSED, True, vn(2026, 3, 10, 9)),
        3: ("other", FeedbackStatus.PUBLISHED, False, vn(2026, 2, 10, 9)),
        4: ("department", FeedbackStatus.PUBLISHED, False, vn(2026, 4, 10, 9)),
        5: ("school", FeedbackStatus.PUBLISHED, False, vn(2026, 2, 20, 9)),
        6: ("department", FeedbackStatus.PUBLISHED, False, vn(2026, 3, 5, 9)),
    }.items():
        f[number] = Feedback.objects.create(
            tracking_code=f"PA-0000{number}-AAAAA",
            kind=FeedbackKind.PROCEDURE,
            title=f"Phản ánh {number}",
            content="Nội dung",
            unit=units[unit],
            status=status,
            filed_at=vn(2026, 1, 5, 8),
            decide_due_at=vn(2026, 1, 7, 8),
            info_due_at=vn(2026, 1, 12, 8),
            answer_due_at=vn(2026, 1, 26, 8),
            was_late=late,
            closed_at=closed,
        )
    # Answer ratings in the period: f1, f5 satisfied, f6 not (f3's is another district's);
    # f4's comes after the period.
    for number, satisfied, at in (
        (1, True, vn(2026, 2, 11, 9)),
        (5, True, vn(2026, 2, 21, 9)),
        (6, False, vn(2026, 3, 6, 9)),
        (3, False, vn(2026, 2, 11, 9)),
        (4, False, vn(2026, 4, 11, 9)),
    ):
        AnswerRating.objects.create(
            feedback=f[number],
            satisfied=satisfied,
            reason="" if satisfied else "Chưa thỏa đáng",
            rated_at=at,
        )
    return {"dossiers": d, "feedback": f, "catalog": catalog, "units": units}
