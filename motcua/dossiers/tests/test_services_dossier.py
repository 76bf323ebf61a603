"""The one-stop rules of DOMAIN.md §4, each proven through the services."""

from datetime import timedelta

import pytest

from motcua.core.exceptions import Conflict, InvalidInput, NotAllowed, NotFound
from motcua.dossiers.models import Dossier, Outcome
from motcua.dossiers.services import ActionInput, Applicant, dossier_act, dossier_register
from motcua.dossiers.tests.conftest import DIPLOMA_COPY, paper, vn
from motcua.dossiers.workflow import Status

pytestmark = pytest.mark.django_db


def act(dossier, user, action, at, **data):
    return dossier_act(
        code=dossier.code, actor=user, action=action, data=ActionInput(**data), at=at
    )


def walk_to_head(dossier, users, start):
    """receive → officer hands over → specialist proposes; returns the dossier at the head."""
    act(dossier, users["motcua"], "receive", start)
    act(dossier, users["motcua"], "handover", start + timedelta(minutes=30))
    return act(
        dossier,
        users["chuyenvien"],
        "propose",
        start + timedelta(hours=3),
        proposal="grant",
        note="Đủ điều kiện chuyển trường.",
    )


def test_dossier_code_is_agency_date_and_daily_sequence(submit):
    first = submit(at=vn(2026, 3, 2, 9, 0))
    second = submit(at=vn(2026, 3, 2, 16, 0))
    next_day = submit(at=vn(2026, 3, 3, 8, 0))
    assert first.code == "000.00.21.H29-260302-0001"
    assert second.code == "000.00.21.H29-260302-0002"
    assert next_day.code == "000.00.21.H29-260303-0001"
    assert first.status == Status.SUBMITTED and first.channel == 2


def test_dossier_code_uses_the_local_day_not_utc(submit):
    # 06:30 in Vietnam is still the previous day in UTC.
    assert submit(at=vn(2026, 3, 3, 6, 30)).code.endswith("-260303-0001")


def test_submission_needs_every_required_component(users):
    from motcua.dossiers.services import dossier_submit

    with pytest.raises(InvalidInput) as exc:
        dossier_submit(
            citizen=users["congdan"],
            procedure_code="2.002481",
            request="Xin chuyển",
            uploads=[],
            at=vn(2026, 3, 2, 9),
        )
    assert "components" in exc.value.errors
    assert not Dossier.objects.exists()


def test_desk_only_procedure_refuses_online_submission(submit):
    with pytest.raises(InvalidInput) as exc:
        submit(code=DIPLOMA_COPY)
    assert "procedure" in exc.value.errors


def test_receive_sets_appointment_from_the_clock(submit, users):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 10, 0))
    dossier.refresh_from_db()
    # 3 working days from Monday 10:00 → Thursday 10:00
    assert dossier.due_at == vn(2026, 3, 5, 10, 0)
    assert dossier.status == Status.RECEIVED
    # 2 working hours from 10:00 skip the lunch break: 13:30
    assert dossier.current_step.order == 1 and dossier.step_due_at == vn(2026, 3, 2, 13, 30)
    assert dossier.book_line == 1


def test_each_step_due_date_is_its_share_of_the_limit(submit, users):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(dossier, users["motcua"], "handover", vn(2026, 3, 2, 9, 0))
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert dossier.current_step.role == "specialist" and dossier.assignee == users["chuyenvien"]
    # 16 working hours from Monday 09:00 → Wednesday 09:00
    assert dossier.step_due_at == vn(2026, 3, 4, 9, 0)


def test_desk_registration_with_cutoff_rule(users):
    dossier = dossier_register(
        officer=users["motcua"],
        procedure_code=DIPLOMA_COPY,
        channel=1,
        applicant=Applicant(name="Trần Thị Bình", id_number="079190004321", phone="0909000111"),
        request="Cấp 02 bản sao bằng tốt nghiệp THCS năm 2010.",
        at=vn(2026, 3, 6, 15, 30),
    )
    # Friday after 15:00: due at the end of the next working day, Monday.
    assert dossier.status == Status.RECEIVED and dossier.channel == 1
    assert dossier.due_at == vn(2026, 3, 9, 17, 0)


def test_action_not_allowed_in_current_state_is_a_conflict(submit, users):
    dossier = submit()
    with pytest.raises(Conflict) as exc:
        act(dossier, users["motcua"], "return-result", vn(2026, 3, 2, 10))
    assert "Mới đăng ký" in exc.value.message
    assert exc.value.status == 409


def test_each_role_takes_only_its_own_actions(submit, users):
    dossier = submit()
    with pytest.raises(NotAllowed):
        act(dossier, users["congdan"], "receive", vn(2026, 3, 2, 10))
    with pytest.raises(NotAllowed):
        act(dossier, users["chuyenvien"], "receive", vn(2026, 3, 2, 10))
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 10))
    # The current step is the officer's: the specialist cannot hand it over.
    with pytest.raises(NotAllowed):
        act(dossier, users["chuyenvien"], "handover", vn(2026, 3, 2, 11))


def test_citizen_cannot_touch_someone_elses_dossier(submit, users):
    from motcua.accounts.services import citizen_register

    other = citizen_register(
        full_name="Lê Văn C", citizen_id="001099001111", password="x-an-toan-99", phone="0988000111"
    )
    dossier = submit()
    with pytest.raises(NotFound):
        act(dossier, other, "withdraw", vn(2026, 3, 2, 10))


def test_supplement_pauses_the_clock_and_moves_the_due_date(submit, users):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(dossier, users["motcua"], "handover", vn(2026, 3, 2, 9, 0))
    act(
        dossier,
        users["chuyenvien"],
        "request-supplement",
        vn(2026, 3, 2, 10, 0),
        items=["Học bạ bản chính"],
        note="Học bạ nộp là bản chụp.",
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.WAITING_SUPPLEMENT
    before = dossier.due_at
    act(
        dossier,
        users["congdan"],
        "supplement",
        vn(2026, 3, 3, 10, 0),
        files=[paper("hoc-ba.pdf")],
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert dossier.paused_seconds == 8 * 3600
    assert dossier.due_at == before + timedelta(days=1)  # one working day later, same hour
    pause = dossier.pauses.get()
    assert pause.working_seconds == 8 * 3600 and pause.ended_at == vn(2026, 3, 3, 10, 0)


def test_second_supplement_needs_reason_and_flags_violation(submit, users):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(
        dossier,
        users["motcua"],
        "request-supplement",
        vn(2026, 3, 2, 9, 0),
        items=["Giấy khai sinh"],
        note="Thiếu bản sao giấy khai sinh.",
    )
    act(
        dossier,
        users["congdan"],
        "supplement",
        vn(2026, 3, 2, 14, 0),
        files=[paper("khai-sinh.pdf")],
    )
    with pytest.raises(InvalidInput) as exc:
        act(
            dossier,
            users["motcua"],
            "request-supplement",
            vn(2026, 3, 2, 15, 0),
            items=["Học bạ"],
            note="Thiếu học bạ.",
        )
    assert "second_request_reason" in exc.value.errors
    act(
        dossier,
        users["motcua"],
        "request-supplement",
        vn(2026, 3, 2, 15, 0),
        items=["Học bạ"],
        note="Thiếu học bạ.",
        second_request_reason="Học bạ bị rách, không đọc được khi đối chiếu.",
    )
    dossier.refresh_from_db()
    assert dossier.multiple_supplements and dossier.supplement_count == 2


def test_extension_once_by_the_head_at_least_one_working_day_before_due(submit, users):
    dossier = walk_to_head(submit(), users, vn(2026, 3, 2, 8, 0))
    # Due Thursday 08:00 (+ nothing paused). Wednesday 09:00 is less than 1 working day before.
    with pytest.raises(NotAllowed):
        act(
            dossier,
            users["chuyenvien"],
            "extend",
            vn(2026, 3, 3, 9),
            note="Chờ xác minh",
            new_due_at=vn(2026, 3, 10, 9),
        )
    with pytest.raises(Conflict):
        act(
            dossier,
            users["lanhdao"],
            "extend",
            vn(2026, 3, 4, 9),
            note="Chờ xác minh",
            new_due_at=vn(2026, 3, 10, 9),
        )
    act(
        dossier,
        users["lanhdao"],
        "extend",
        vn(2026, 3, 3, 8),
        note="Chờ trường nơi đi xác minh học bạ.",
        new_due_at=vn(2026, 3, 10, 9),
    )
    dossier.refresh_from_db()
    assert dossier.appointment_at == vn(2026, 3, 10, 9)
    with pytest.raises(Conflict):
        act(
            dossier,
            users["lanhdao"],
            "extend",
            vn(2026, 3, 3, 9),
            note="Lần hai",
            new_due_at=vn(2026, 3, 12, 9),
        )


def test_outcome_is_judged_at_resolution_after_subtracting_the_pause(submit, users):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))  # due Thu 5/3 08:00
    act(
        dossier,
        users["motcua"],
        "request-supplement",
        vn(2026, 3, 2, 9, 0),
        items=["Học bạ"],
        note="Thiếu học bạ.",
    )
    act(
        dossier,
        users["congdan"],
        "supplement",
        vn(2026, 3, 4, 9, 0),  # 2 days paused
        files=[paper("hoc-ba.pdf")],
    )
    act(dossier, users["motcua"], "handover", vn(2026, 3, 4, 10))
    act(
        dossier,
        users["chuyenvien"],
        "propose",
        vn(2026, 3, 6, 10),
        proposal="grant",
        note="Đủ điều kiện.",
    )
    act(dossier, users["lanhdao"], "approve", vn(2026, 3, 9, 7, 45))  # due now Mon 9/3 08:00
    dossier.refresh_from_db()
    assert dossier.status == Status.RESOLVED
    assert dossier.due_at == vn(2026, 3, 9, 8, 0)
    assert dossier.outcome == Outcome.ON_TIME


def test_multiple_supplements_make_the_dossier_late(submit, users):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    for number, day in ((1, 2), (2, 3)):
        act(
            dossier,
            users["motcua"],
            "request-supplement",
            vn(2026, 3, day, 9, 0),
            items=["Học bạ"],
            note="Thiếu.",
            second_request_reason="Lần hai vì học bạ hỏng." if number == 2 else "",
        )
        act(
            dossier,
            users["congdan"],
            "supplement",
            vn(2026, 3, day, 10, 0),
            files=[paper("b.pdf")],
        )
    act(dossier, users["motcua"], "handover", vn(2026, 3, 3, 11))
    act(dossier, users["chuyenvien"], "propose", vn(2026, 3, 3, 14), proposal="grant", note="Đủ.")
    act(dossier, users["lanhdao"], "approve", vn(2026, 3, 3, 15))
    dossier.refresh_from_db()
    assert dossier.outcome == Outcome.LATE


def test_full_flow_to_returned_result_with_append_only_history(submit, users):
    dossier = walk_to_head(submit(), users, vn(2026, 3, 2, 8, 0))
    act(dossier, users["lanhdao"], "reject-proposal", vn(2026, 3, 2, 14), note="Bổ sung ý kiến.")
    dossier.refresh_from_db()
    assert dossier.current_step.role == "specialist" and dossier.assignee == users["chuyenvien"]
    act(
        dossier,
        users["chuyenvien"],
        "propose",
        vn(2026, 3, 2, 15),
        proposal="grant",
        note="Đã bổ sung.",
    )
    act(dossier, users["lanhdao"], "approve", vn(2026, 3, 2, 16))
    dossier.refresh_from_db()
    assert dossier.status == Status.RESOLVED and dossier.outcome == Outcome.EARLY
    assert dossier.current_step.role == "officer"
    act(dossier, users["motcua"], "return-result", vn(2026, 3, 3, 8), return_method="desk")
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED and dossier.returned_at == vn(2026, 3, 3, 8)
    actions = list(dossier.events.values_list("action", flat=True))
    assert actions == [
        "submit",
        "receive",
        "handover",
        "propose",
        "reject-proposal",
        "propose",
        "approve",
        "return-result",
    ]
    statuses = list(dossier.events.values_list("from_status", "to_status"))
    assert statuses[0] == (None, 1) and statuses[-1] == (9, 10)


def test_refusal_needs_reasons(submit, users):
    dossier = submit()
    with pytest.raises(InvalidInput):
        act(dossier, users["motcua"], "refuse", vn(2026, 3, 2, 10))
    act(
        dossier,
        users["motcua"],
        "refuse",
        vn(2026, 3, 2, 10),
        reasons=["Hồ sơ không thuộc thẩm quyền giải quyết của Phòng."],
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.REFUSED and dossier.closed_at


def test_citizen_withdraws_an_unresolved_dossier_only(submit, users):
    dossier = walk_to_head(submit(), users, vn(2026, 3, 2, 8, 0))
    act(dossier, users["lanhdao"], "approve", vn(2026, 3, 2, 14))
    with pytest.raises(Conflict):
        act(dossier, users["congdan"], "withdraw", vn(2026, 3, 2, 15))
    other = submit()
    act(other, users["congdan"], "withdraw", vn(2026, 3, 2, 15), note="Không còn nhu cầu.")
    other.refresh_from_db()
    assert other.status == Status.WITHDRAWN


def test_stop_at_citizens_request_closes_an_open_pause(submit, users):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8))
    act(
        dossier,
        users["motcua"],
        "request-supplement",
        vn(2026, 3, 2, 9),
        items=["Học bạ"],
        note="Thiếu.",
    )
    act(dossier, users["motcua"], "stop", vn(2026, 3, 2, 15), note="Công dân đề nghị dừng.")
    dossier.refresh_from_db()
    assert dossier.status == Status.STOPPED and dossier.pauses.get().ended_at


def test_stale_write_loses(submit, users):
    """Two people read the same dossier; the second write is refused (version check)."""
    from motcua.dossiers import services

    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8))
    stale = Dossier.objects.get(pk=dossier.pk)
    act(dossier, users["motcua"], "handover", vn(2026, 3, 2, 9))
    with pytest.raises(Conflict):
        services._save(stale, ["status"])


def test_overdue_is_judged_against_the_extended_date(submit, users):
    from motcua.dossiers.selectors import dossier_list, is_overdue

    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))  # due Thu 5/3 08:00
    act(
        dossier,
        users["lanhdao"],
        "extend",
        vn(2026, 3, 3, 8),
        note="Chờ xác minh học bạ.",
        new_due_at=vn(2026, 3, 10, 9),
    )
    dossier.refresh_from_db()
    between = vn(2026, 3, 6, 9)
    assert not is_overdue(dossier, between)
    assert list(dossier_list(user=users["motcua"], overdue=True, now=between)) == []
    after = vn(2026, 3, 11, 9)
    assert is_overdue(dossier, after)
    assert list(dossier_list(user=users["motcua"], overdue=True, now=after)) == [dossier]
