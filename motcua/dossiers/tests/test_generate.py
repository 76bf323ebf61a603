"""`manage.py generate_dossiers`: bulk dossiers that obey the rules real ones do (codes, the
clock, the order of events), after which real submissions continue the numbering."""

from collections import Counter, defaultdict
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from motcua.accounts.identifiers import validate_citizen_id
from motcua.core import clock
from motcua.core.clock import local
from motcua.core.demo import load_demo
from motcua.dossiers.models import Channel, Dossier, DossierEvent, Outcome, Pause, Sequence
from motcua.dossiers.tests.conftest import vn
from motcua.dossiers.workflow import FINAL, OPEN, Action, Status
from motcua.workdays.selectors import get_work_calendar

pytestmark = pytest.mark.django_db

NOW = vn(2026, 3, 27, 10, 0)
COUNT = 500
AGENCY = "000.00.21.H29"


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture
def generated(demo, frozen):
    out = StringIO()
    call_command(
        "generate_dossiers", "--count", str(COUNT), "--seed", "7", "--years", "2026", stdout=out
    )
    assert f"{COUNT:,}" in out.getvalue()
    return list(Dossier.objects.order_by("pk"))


def test_generation_needs_published_procedures(db, frozen):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_dossiers", "--count", "10", stdout=StringIO())


def test_generation_refuses_production_without_force(demo, frozen, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("generate_dossiers", "--count", "10", stdout=StringIO())
    assert not Dossier.objects.exists()
    call_command("generate_dossiers", "--count", "10", "--force", stdout=StringIO())
    assert Dossier.objects.count() == 10


def assert_codes_gap_free_per_day(dossiers: list[Dossier]) -> None:
    by_day = defaultdict(list)
    for dossier in dossiers:
        prefix, day, number = dossier.code.rsplit("-", 2)
        assert prefix == AGENCY
        assert day == f"{local(dossier.submitted_at):%y%m%d}"
        assert len(number) >= 4
        by_day[day].append((int(number), dossier.submitted_at))
    assert len(by_day) > 20  # spread over the working days of the year so far
    for day, numbers in by_day.items():
        numbers.sort()
        assert [n for n, _at in numbers] == list(range(1, len(numbers) + 1)), day
        times = [at for _n, at in numbers]
        assert times == sorted(times), day
        counter = Sequence.objects.get(key=f"code:{AGENCY}:20{day}")
        assert counter.value == len(numbers)


def test_codes_are_unique_and_gap_free_per_agency_and_day_in_submission_order(generated):
    assert len(generated) == COUNT
    assert_codes_gap_free_per_day(generated)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="workers fork on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_parallel_workers_keep_each_day_in_one_gap_free_sequence(frozen):
    load_demo()
    call_command(
        "generate_dossiers",
        *("--count", "400", "--years", "2026", "--workers", "2", "--batch", "60"),
        stdout=StringIO(),
    )
    dossiers = list(Dossier.objects.all())
    assert len(dossiers) == 400
    assert_codes_gap_free_per_day(dossiers)
    assert DossierEvent.objects.count() == 400


def test_tracking_book_lines_are_gap_free_per_year(generated):
    lines = sorted(d.book_line for d in generated if d.received_at is not None)
    assert lines == list(range(1, len(lines) + 1))
    assert None not in {d.book_line for d in generated if d.received_at is not None}


def test_status_agrees_with_timestamps(generated):
    statuses = Counter(d.status for d in generated)
    assert statuses[Status.RETURNED] > COUNT / 2  # most dossiers of the past are done
    assert sum(statuses[s] for s in OPEN) > 0  # and the recent ones are still open
    for d in generated:
        received = d.received_at
        assert d.submitted_at <= NOW
        if d.status == Status.SUBMITTED or d.status == Status.REFUSED:
            assert received is None and d.due_at is None and d.returned_at is None
            assert d.channel == Channel.ONLINE
        else:
            assert d.submitted_at <= received <= NOW
            assert d.original_due_at <= d.due_at
            assert d.received_by is not None
        if d.status in OPEN:
            assert d.returned_at is None and d.resolved_at is None and d.closed_at is None
        if d.status in (Status.RECEIVED, Status.PROCESSING, Status.WAITING_SUPPLEMENT):
            assert d.current_step is not None
            assert d.current_step.procedure_id == d.procedure_id
            assert received <= d.step_started_at <= NOW
            assert d.step_due_at <= d.due_at
        if d.status == Status.RESOLVED:
            assert received <= d.resolved_at <= NOW and d.returned_at is None
            assert d.outcome and d.granted is not None
        if d.status == Status.RETURNED:
            assert d.submitted_at <= received <= d.resolved_at <= d.returned_at <= NOW
            assert d.closed_at == d.returned_at and d.return_method
            assert d.current_step is None and d.assignee is None
        if d.status in FINAL:
            assert d.closed_at is not None and d.closed_at <= NOW
        if d.resolved_at is not None:
            late = d.resolved_at > d.due_at or d.multiple_supplements
            assert (d.outcome == Outcome.LATE) == late


def test_supplements_pause_the_clock_and_move_the_due_date(generated):
    calendar = get_work_calendar()
    with_pauses = [d for d in generated if d.supplement_count]
    assert with_pauses
    for d in with_pauses:
        pauses = list(Pause.objects.filter(dossier=d).order_by("number"))
        assert [p.number for p in pauses] == list(range(1, d.supplement_count + 1))
        assert d.multiple_supplements == (d.supplement_count > 1)
        closed = [p for p in pauses if p.ended_at is not None]
        assert d.paused_seconds == sum(p.working_seconds for p in closed)
        paused = timedelta(seconds=d.paused_seconds)
        moved = calendar.add_working_hours(d.original_due_at, paused) if paused else None
        assert d.due_at == (moved or d.original_due_at)
        still_open = [p for p in pauses if p.ended_at is None]
        assert len(still_open) == (d.status == Status.WAITING_SUPPLEMENT)


def test_due_dates_never_fall_on_a_day_off(generated):
    calendar = get_work_calendar()
    for d in generated:
        for due in (d.original_due_at, d.due_at, d.step_due_at):
            if due is not None:
                assert calendar.is_working_day(local(due).date()), (d.code, due)
        assert calendar.is_working_day(local(d.submitted_at).date())


def test_open_dossiers_are_assigned_some_to_the_demo_specialist(generated, users):
    open_ones = [d for d in generated if d.status in (Status.RECEIVED, Status.PROCESSING)]
    assert open_ones
    assert any(d.assignee_id == users["chuyenvien"].pk for d in generated)
    for d in open_ones:
        if d.assignee is not None and d.current_step.role:
            assert d.assignee.role == d.current_step.role


def test_every_dossier_has_its_submission_or_registration_event(generated):
    first = {e.dossier_id: e for e in DossierEvent.objects.order_by("-at", "-pk")}
    assert set(first) == {d.pk for d in generated}
    for d in generated:
        event = first[d.pk]
        assert event.at == d.submitted_at
        if d.channel == Channel.ONLINE:
            assert (event.action, event.to_status) == (Action.SUBMIT, Status.SUBMITTED)
        else:
            assert (event.action, event.to_status) == (Action.REGISTER, Status.RECEIVED)


def test_applicants_have_valid_looking_citizen_ids(generated):
    for d in generated:
        validate_citizen_id(d.applicant_id_number, current_year=2026)
        assert d.applicant_name and d.applicant_phone.startswith("0")


def test_a_real_submission_continues_the_generated_sequence(generated, submit):
    last = max(generated, key=lambda d: d.submitted_at)
    day = local(last.submitted_at)
    taken = sum(1 for d in generated if local(d.submitted_at).date() == day.date())
    dossier = submit(at=day.replace(hour=21, minute=0))
    assert dossier.code == f"{AGENCY}-{day:%y%m%d}-{taken + 1:04d}"


def test_a_second_run_continues_the_numbering(generated):
    call_command(
        "generate_dossiers", "--count", "50", "--seed", "8", "--years", "2026", stdout=StringIO()
    )
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == COUNT + 50


def test_up_to_tops_up_once_and_then_adds_nothing(demo, frozen):
    args = ("generate_dossiers", "--up-to", "25", "--years", "2026", "--workers", "1")
    call_command(*args, stdout=StringIO())
    assert Dossier.objects.count() == 25
    out = StringIO()
    call_command(*args, stdout=out)
    assert Dossier.objects.count() == 25
    assert "không sinh thêm" in out.getvalue()
