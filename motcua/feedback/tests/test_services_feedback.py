"""The feedback rules of DOMAIN.md §7 and issue 6, each proven through the services."""

import hashlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from motcua.accounts.models import Role
from motcua.accounts.services import staff_create
from motcua.core.exceptions import Conflict, InvalidInput, NotAllowed, NotFound
from motcua.documents.tests.samples import pdf_bytes
from motcua.feedback import selectors
from motcua.feedback.models import Feedback, FeedbackAttachment, FeedbackSettings
from motcua.feedback.services import (
    Attachment,
    Contact,
    answer_rate,
    feedback_reply,
)
from motcua.feedback.tests.conftest import TRANSFER, act, answered, pdf_attachment, vn
from motcua.feedback.workflow import Action, Status
from motcua.organization.models import Unit
from motcua.organization.services import unit_create

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^PA-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")


def media_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "feedback"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


# --- filing ------------------------------------------------------------------------------


def test_filing_without_account_gives_a_tracking_code_and_due_dates_of_each_step(file_item, demo):
    item = file_item(at=vn(2026, 3, 2, 9, 0))  # a Monday
    assert CODE.match(item.tracking_code)
    assert item.status == Status.NEW and item.filer is None
    assert item.unit == demo["department"]  # the procedure's handling unit
    # 2, 5 and 15 working days (8 h each, office hours), no holiday in March 2026.
    assert item.decide_due_at == vn(2026, 3, 4, 9, 0)
    assert item.info_due_at == vn(2026, 3, 9, 9, 0)
    assert item.answer_due_at == vn(2026, 3, 23, 9, 0)
    assert item.due_at == item.decide_due_at
    event = item.events.get()
    assert event.action == Action.FILE and event.to_status == Status.NEW
    assert event.actor_name == "Lê Văn Hùng"
    assert item.filer_phone == "0912888777"


def test_tracking_codes_differ_and_are_found_as_typed(file_item):
    first, second = file_item(), file_item()
    assert first.tracking_code != second.tracking_code
    typed = first.tracking_code.lower().replace("-", " ")
    assert selectors.feedback_track(code=typed) == first
    with pytest.raises(NotFound):
        selectors.feedback_track(code="PA-00000-00000")


def test_limits_are_configuration(file_item):
    FeedbackSettings.objects.filter(pk=1).update(refuse_days=1, answer_days=10)
    item = file_item(at=vn(2026, 3, 2, 9, 0))
    assert item.decide_due_at == vn(2026, 3, 3, 9, 0)
    assert item.answer_due_at == vn(2026, 3, 16, 9, 0)


def test_due_dates_skip_the_weekend_and_the_april_holidays(file_item):
    # Wednesday 29/4/2026: 30/4 and 1/5 are public holidays, then the weekend.
    item = file_item(at=vn(2026, 4, 29, 10, 0))
    assert item.decide_due_at == vn(2026, 5, 5, 10, 0)
    assert item.info_due_at == vn(2026, 5, 8, 10, 0)
    assert item.answer_due_at == vn(2026, 5, 22, 10, 0)


def test_filing_with_an_account_takes_the_contact_from_it(file_item, users):
    item = file_item(contact=Contact(), filer=users["congdan"])
    assert item.filer == users["congdan"]
    assert item.filer_name == "Võ Minh Tuấn"
    assert item.filer_phone == "0912345678" and item.filer_email == "congdan@example.vn"


def test_anonymous_feedback_without_contact_is_accepted_and_keeps_nothing(file_item, users):
    item = file_item(
        anonymous=True, contact=Contact(name="Ai đó", phone="0909000111"), filer=users["congdan"]
    )
    item.refresh_from_db()
    assert item.anonymous and item.filer is None
    assert (item.filer_name, item.filer_phone, item.filer_email) == ("", "", "")
    assert not item.can_be_answered_personally
    assert item.events.get().actor is None


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        (Contact(), "name"),
        (Contact(name="Lê Văn Hùng"), "phone"),
        (Contact(name="Lê Văn Hùng", phone="12345"), "phone"),
        (Contact(name="Lê Văn Hùng", email="khong-phai-thu"), "email"),
    ],
)
def test_contact_is_required_unless_anonymous_naming_the_field(file_item, contact, field):
    with pytest.raises(InvalidInput) as exc:
        file_item(contact=contact)
    assert field in exc.value.errors
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "procedure", "procedure_code": ""}, "procedure"),
        ({"kind": "proposal", "procedure_code": ""}, "procedure"),
        ({"kind": "procedure", "procedure_code": "9.999999"}, "procedure"),
        ({"kind": "dossier", "procedure_code": ""}, "dossier"),
        ({"kind": "dossier", "dossier_code": "000.00.21.H29-260302-9999"}, "dossier"),
        ({"kind": "conduct"}, "conduct_issue"),
        ({"kind": "khac"}, "kind"),
        ({"title": "  "}, "title"),
        ({"content": ""}, "content"),
    ],
)
def test_each_kind_needs_its_subject(file_item, overrides, field):
    with pytest.raises(InvalidInput) as exc:
        file_item(**overrides)
    assert field in exc.value.errors


def test_feedback_about_a_dossier_goes_to_the_dossiers_agency(file_item, submit):
    dossier = submit()
    item = file_item(kind="dossier", procedure_code="", dossier_code=dossier.code)
    assert item.dossier == dossier and item.unit == dossier.agency
    assert item.procedure_code == TRANSFER


def test_conduct_feedback_without_a_subject_goes_to_the_default_unit(file_item, demo):
    kwargs = {"kind": "conduct", "conduct_issue": "extra_papers", "procedure_code": ""}
    with pytest.raises(InvalidInput) as exc:
        file_item(**kwargs)
    assert "unit" in exc.value.errors
    FeedbackSettings.objects.filter(pk=1).update(default_unit=demo["department"])
    item = file_item(**kwargs, officer_name="Cán bộ A")
    assert item.unit == demo["department"] and item.conduct_issue == "extra_papers"
    school = demo["schools"][0]
    assert file_item(**kwargs, unit_id=school.pk).unit == school


def test_attachment_is_stored_under_a_generated_name_with_its_checksum(file_item):
    content = pdf_bytes()
    name = "Đơn của tôi.pdf"
    item = file_item(attachments=[Attachment(file=ContentFile(content, name=name), name=name)])
    row = item.attachments.get()
    assert row.original_name == name and row.content_type == "application/pdf"
    assert row.sha256 == hashlib.sha256(content).hexdigest()
    assert "Đơn" not in row.file.name and row.file.name.startswith("feedback/")
    assert row.event.action == Action.FILE


def test_a_bad_attachment_is_refused_and_nothing_is_stored(file_item):
    before = media_files()
    program = Attachment(file=ContentFile(b"MZ\x90\x00 not a paper", name="a.pdf"), name="a.pdf")
    with pytest.raises(InvalidInput) as exc:
        file_item(attachments=[pdf_attachment(), program])
    assert "attachments[1]" in exc.value.errors
    assert "chương trình" in exc.value.message
    assert not Feedback.objects.exists() and not FeedbackAttachment.objects.exists()
    assert media_files() == before


def test_at_most_five_attachments(file_item):
    with pytest.raises(InvalidInput) as exc:
        file_item(attachments=[pdf_attachment(f"{i}.pdf") for i in range(6)])
    assert "attachments" in exc.value.errors


# --- the staff's paths ---------------------------------------------------------------------


def test_refusal_needs_a_reason_and_is_judged_against_two_working_days(file_item, users):
    item = file_item(at=vn(2026, 3, 2, 9, 0))
    with pytest.raises(InvalidInput) as exc:
        act(item, users["motcua"], "refuse", vn(2026, 3, 3, 9))
    assert "note" in exc.value.errors
    item = act(item, users["motcua"], "refuse", vn(2026, 3, 3, 9), note="Không thuộc thẩm quyền.")
    assert item.status == Status.REFUSED and item.closed_at == vn(2026, 3, 3, 9)
    assert item.due_at is None and not item.was_late
    event = item.events.last()
    assert (event.from_status, event.to_status) == (Status.NEW, Status.REFUSED)
    assert event.due_at == vn(2026, 3, 4, 9) and event.on_time is True
    assert event.actor == users["motcua"] and event.note == "Không thuộc thẩm quyền."


def test_a_late_refusal_is_recorded_as_late(file_item, users):
    item = file_item(at=vn(2026, 3, 2, 9, 0))
    item = act(item, users["lanhdao"], "refuse", vn(2026, 3, 5, 9), note="Trùng nội dung.")
    assert item.was_late and item.events.last().on_time is False


def test_ask_for_more_information_then_the_filer_replies_and_the_answer_date_moves(
    file_item, users
):
    item = file_item(at=vn(2026, 3, 2, 9, 0))
    act(item, users["motcua"], "receive", vn(2026, 3, 2, 10), category="quy-dinh")
    act(item, users["motcua"], "assign", vn(2026, 3, 2, 11), assignee_id=users["chuyenvien"].pk)
    item = act(
        item, users["chuyenvien"], "request-info", vn(2026, 3, 3, 9), note="Học sinh lớp mấy?"
    )
    assert item.status == Status.WAITING_INFO and item.due_at is None
    assert item.events.last().on_time is True  # asked within 5 working days
    # Nobody can answer for the filer, and staff cannot "reply".
    with pytest.raises(Conflict):
        feedback_reply(code=file_item().tracking_code, text="?")
    # Two working days later (Thursday 09:00) the filer replies by the tracking code.
    item = feedback_reply(
        code=item.tracking_code,
        text="Lớp 7.",
        attachments=[pdf_attachment("hoc-ba.pdf")],
        at=vn(2026, 3, 5, 9),
    )
    assert item.status == Status.PROCESSING
    assert item.answer_due_at == vn(2026, 3, 25, 9, 0)  # 23/3 + the 2 working days waited
    assert item.due_at == item.answer_due_at and item.paused_seconds == 16 * 3600
    reply = item.events.last()
    assert reply.action == Action.REPLY and reply.note == "Lớp 7."
    assert reply.attachments.get().original_name == "hoc-ba.pdf"
    with pytest.raises(Conflict):
        feedback_reply(code=item.tracking_code, text="Lần nữa.")


def test_answer_then_publish_within_their_limits(file_item, users):
    item = answered(file_item(at=vn(2026, 3, 2, 9)), users, vn(2026, 3, 2, 10))
    assert item.status == Status.ANSWERED
    assert item.answered_by == users["chuyenvien"]
    # Answered at 12:00, in the lunch break: counting starts at 13:00, and 16 office hours
    # later is Wednesday's closing of the morning.
    assert item.publish_due_at == vn(2026, 3, 4, 11, 30)
    assert item.due_at == item.publish_due_at
    item = act(item, users["lanhdao"], "publish", vn(2026, 3, 3, 8))
    assert item.status == Status.PUBLISHED and item.published_at == vn(2026, 3, 3, 8)
    assert item.due_at is None and not item.was_late
    steps = [(e.action, e.on_time) for e in item.events.all()]
    assert steps == [
        ("file", None),
        ("receive", True),
        ("assign", None),
        ("answer", True),
        ("publish", True),
    ]


def test_the_head_returns_a_draft_and_the_answer_step_is_due_again(file_item, users):
    item = answered(file_item(at=vn(2026, 3, 2, 9)), users, vn(2026, 3, 2, 10))
    with pytest.raises(InvalidInput):
        act(item, users["lanhdao"], "return-answer", vn(2026, 3, 2, 14))
    item = act(item, users["lanhdao"], "return-answer", vn(2026, 3, 2, 14), note="Dẫn căn cứ.")
    assert item.status == Status.PROCESSING and item.publish_due_at is None
    assert item.due_at == item.answer_due_at
    assert item.events.last().to_user == users["chuyenvien"]


def test_publishing_removes_personal_data_from_the_public_texts(file_item, users):
    item = file_item(
        contact=Contact(name="Lê Văn Hùng", phone="0912888777", email="hung@example.vn"),
        content=(
            "Tôi là Lê Văn Hùng, CCCD 079090001234, gọi 0912 888 777 hoặc hung@example.vn. "
            "Thủ tục 2.002481 chậm."
        ),
    )
    item = answered(item, users, vn(2026, 3, 2, 10))
    item = act(
        item,
        users["lanhdao"],
        "publish",
        vn(2026, 3, 3, 8),
        public_answer="Đã trao đổi với ông Lê Văn Hùng qua số 0912888777.",
    )
    public = " ".join([item.public_title, item.public_question, item.public_answer])
    for personal in ("Lê Văn Hùng", "079090001234", "0912 888 777", "0912888777", "hung@"):
        assert personal not in public
    assert "2.002481" in item.public_question  # procedure codes stay
    assert "[đã ẩn]" in item.public_answer


def test_overdue_steps_are_flagged_and_listed_for_the_head(file_item, users):
    item = file_item(at=vn(2026, 3, 2, 9, 0))  # receive or refuse by 4/3 09:00
    head = users["lanhdao"]

    def overdue(now):
        return list(selectors.feedback_list(user=head, overdue=True, now=now))

    assert overdue(vn(2026, 3, 4, 8, 59)) == []
    assert overdue(vn(2026, 3, 4, 9, 1)) == [item]
    assert selectors.is_overdue(item, vn(2026, 3, 4, 9, 1))
    act(item, users["motcua"], "receive", vn(2026, 3, 4, 10))  # late, now due: the answer
    assert overdue(vn(2026, 3, 20)) == []
    assert overdue(vn(2026, 3, 23, 9, 1)) == [Feedback.objects.get(pk=item.pk)]
    assert Feedback.objects.get(pk=item.pk).was_late


def test_waiting_for_the_filer_is_never_overdue(file_item, users):
    item = file_item(at=vn(2026, 3, 2, 9, 0))
    act(item, users["motcua"], "receive", vn(2026, 3, 2, 10))
    act(item, users["motcua"], "request-info", vn(2026, 3, 2, 11), note="Số điện thoại trường?")
    head = users["lanhdao"]
    assert list(selectors.feedback_list(user=head, overdue=True, now=vn(2027, 1, 1))) == []


# --- who may act -------------------------------------------------------------------------


@pytest.fixture
def outsider(demo):
    province = Unit.objects.get(code="000.00.00.H29")
    other = unit_create(
        name="Ủy ban nhân dân Quận 5", level=demo["department"].level, parent=province
    )
    return staff_create(
        username="canbo_q5",
        full_name="Cán bộ Quận 5",
        role=Role.OFFICER,
        password="motcua-test-pw",
        units=[other],
    )


def test_staff_of_another_unit_see_nothing_and_get_404(file_item, outsider, users, demo):
    item = file_item()
    with pytest.raises(NotFound):
        act(item, outsider, "receive", vn(2026, 3, 2, 10))
    with pytest.raises(NotFound):
        selectors.feedback_get(code=item.tracking_code, user=outsider)
    assert not selectors.feedback_list(user=outsider).exists()
    # A school below the department does not see the department's items either.
    principal = users["truong"]
    assert not selectors.feedback_list(user=principal).exists()
    # Citizens never reach the staff side.
    with pytest.raises(NotFound):
        act(item, users["congdan"], "receive", vn(2026, 3, 2, 10))


def test_a_specialist_acts_only_on_what_is_assigned_to_them(file_item, users, demo):
    item = file_item()
    act(item, users["motcua"], "receive", vn(2026, 3, 2, 10))
    with pytest.raises(NotAllowed):
        act(item, users["chuyenvien"], "answer", vn(2026, 3, 2, 11), note="Trả lời.")
    other = staff_create(
        username="chuyenvien2",
        full_name="Chuyên viên Hai",
        role=Role.SPECIALIST,
        password="motcua-test-pw",
        units=[demo["department"]],
    )
    act(item, users["motcua"], "assign", vn(2026, 3, 2, 11), assignee_id=other.pk)
    with pytest.raises(NotAllowed):
        act(item, users["chuyenvien"], "answer", vn(2026, 3, 2, 12), note="Trả lời.")
    item = act(item, other, "answer", vn(2026, 3, 2, 12), note="Trả lời.")
    assert item.status == Status.ANSWERED


def test_roles_and_states_of_each_action(file_item, users):
    item = file_item()
    with pytest.raises(NotAllowed):  # only the head publishes
        act(item, users["motcua"], "publish", vn(2026, 3, 2, 10))
    with pytest.raises(Conflict) as exc:  # nothing to publish yet
        act(item, users["lanhdao"], "publish", vn(2026, 3, 2, 10))
    assert exc.value.status == 409 and "Chờ tiếp nhận" in exc.value.message
    with pytest.raises(InvalidInput) as exc:
        act(item, users["motcua"], "fly", vn(2026, 3, 2, 10))
    assert "action" in exc.value.errors


def test_assignment_stays_within_ones_own_units(file_item, users, outsider):
    item = file_item()
    act(item, users["motcua"], "receive", vn(2026, 3, 2, 10))
    with pytest.raises(InvalidInput) as exc:
        act(item, users["motcua"], "assign", vn(2026, 3, 2, 11), unit_id=outsider.units.get().pk)
    assert "unit" in exc.value.errors
    with pytest.raises(InvalidInput) as exc:  # the head is not a specialist
        act(item, users["motcua"], "assign", vn(2026, 3, 2, 11), assignee_id=users["lanhdao"].pk)
    assert "assignee" in exc.value.errors


def test_classification_uses_the_configured_categories(file_item, users):
    item = file_item()
    with pytest.raises(InvalidInput) as exc:
        act(item, users["motcua"], "classify", vn(2026, 3, 2, 10), category="khong-co")
    assert "category" in exc.value.errors
    item = act(item, users["motcua"], "classify", vn(2026, 3, 2, 10), category="thai-do-can-bo")
    assert item.category.code == "thai-do-can-bo" and item.status == Status.NEW


# --- the filer's answer rating and messages --------------------------------------------------


def test_the_answer_is_rated_once_after_publication(file_item, users):
    item = answered(file_item(), users, vn(2026, 3, 2, 10))
    with pytest.raises(Conflict):
        answer_rate(code=item.tracking_code, satisfied=True)
    act(item, users["lanhdao"], "publish", vn(2026, 3, 3, 8))
    with pytest.raises(InvalidInput) as exc:
        answer_rate(code=item.tracking_code, satisfied=False)
    assert "reason" in exc.value.errors
    rating = answer_rate(code=item.tracking_code, satisfied=False, reason="Chưa rõ căn cứ.")
    assert rating.feedback == item and not rating.satisfied
    with pytest.raises(Conflict):
        answer_rate(code=item.tracking_code, satisfied=True)
    assert Feedback.objects.get(pk=item.pk).events.last().action == Action.RATE


def test_an_item_filed_with_an_account_is_rated_only_by_that_account(file_item, users):
    item = answered(file_item(filer=users["congdan"]), users, vn(2026, 3, 2, 10))
    act(item, users["lanhdao"], "publish", vn(2026, 3, 3, 8))
    with pytest.raises(NotAllowed):
        answer_rate(code=item.tracking_code, satisfied=True)
    assert answer_rate(code=item.tracking_code, satisfied=True, user=users["congdan"]).satisfied


def test_the_filer_with_an_account_is_notified_of_the_answer(
    file_item, users, django_capture_on_commit_callbacks, mailoutbox
):
    from motcua.notifications.models import Notification

    item = answered(file_item(filer=users["congdan"], contact=Contact()), users, vn(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        act(item, users["lanhdao"], "publish", vn(2026, 3, 3, 8))
    note = Notification.objects.get(user=users["congdan"])
    assert item.tracking_code in note.title and item.tracking_code in note.url
    assert note.kind == "feedback-answered"
    assert [m.to for m in mailoutbox] == [["congdan@example.vn"]]


def test_a_filer_without_account_gets_an_email_and_an_anonymous_one_nothing(
    file_item, users, django_capture_on_commit_callbacks, mailoutbox
):
    with_mail = answered(
        file_item(contact=Contact(name="Lê Văn Hùng", email="hung@example.vn")),
        users,
        vn(2026, 3, 2),
    )
    anonymous = answered(file_item(anonymous=True), users, vn(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        act(with_mail, users["lanhdao"], "publish", vn(2026, 3, 3, 8))
        act(anonymous, users["lanhdao"], "publish", vn(2026, 3, 3, 8))
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["hung@example.vn"] and with_mail.tracking_code in mail.subject
    assert f"?ma={with_mail.tracking_code}" in mail.body


def test_history_only_grows(file_item, users):
    item = file_item()
    counts = [item.events.count()]
    act(item, users["motcua"], "receive", vn(2026, 3, 2, 10))
    counts.append(item.events.count())
    act(item, users["motcua"], "classify", vn(2026, 3, 2, 10, 5), category="khac")
    counts.append(item.events.count())
    assert counts == [1, 2, 3]
    first = item.events.first()
    assert first.action == Action.FILE and first.at == vn(2026, 3, 2, 9)


def test_proposals_are_listed_by_procedure_for_the_head(file_item, users):
    proposal = file_item(kind="proposal", title="Bỏ bản sao giấy khai sinh")
    file_item()  # an ordinary feedback item is not a proposal
    assert list(selectors.proposals(user=users["lanhdao"])) == [proposal]
    assert timedelta(0) < proposal.answer_due_at - proposal.filed_at


def test_the_numbers_for_the_766_index(file_item, users):
    on_time = answered(file_item(at=vn(2026, 3, 2, 9)), users, vn(2026, 3, 2, 10))
    act(on_time, users["lanhdao"], "publish", vn(2026, 3, 3, 8))
    late = file_item(at=vn(2026, 3, 2, 9))
    act(late, users["motcua"], "refuse", vn(2026, 3, 9), note="Trùng.")  # after 2 days
    file_item(at=vn(2026, 3, 2, 9))  # still open: not counted
    answer_rate(code=on_time.tracking_code, satisfied=False, reason="Chậm.", at=vn(2026, 3, 4))
    period = {"start": vn(2026, 3, 1), "end": vn(2026, 4, 1)}
    assert selectors.feedback_timeliness(**period) == selectors.Timeliness(closed=2, on_time=1)
    satisfaction = selectors.answer_satisfaction(**period)
    assert (satisfaction.rated, satisfaction.satisfied, satisfaction.dissatisfied) == (1, 0, 1)
    assert selectors.feedback_timeliness(start=vn(2026, 4, 1), end=vn(2026, 5, 1)).closed == 0
