"""Demo feedback: one answered and published, one overdue for the head's view, one proposal
to simplify a procedure; the department receives feedback that names no unit. Idempotent:
an item whose title exists is left alone."""

from datetime import timedelta

from motcua.accounts.models import User
from motcua.core.clock import now
from motcua.feedback.models import Feedback, FeedbackCategory, FeedbackKind, FeedbackSettings
from motcua.feedback.services import ActionInput, Contact, feedback_act, feedback_file
from motcua.organization.models import Unit

DIPLOMA_COPY = "3.000467.H18"
TRANSFER = "2.002481"


# The categories the migration seeds; the demo makes sure of them too, since a test database
# flushed between tests (TransactionTestCase) has lost the migration's rows.
CATEGORIES = [
    ("quy-dinh", "Quy định, thủ tục hành chính", 10),
    ("giai-quyet-ho-so", "Giải quyết hồ sơ, trả kết quả", 20),
    ("thai-do-can-bo", "Hành vi, thái độ của cán bộ", 30),
    ("don-gian-hoa", "Đề xuất đơn giản hóa thủ tục", 40),
    ("khac", "Khác", 90),
]


def seed_demo_feedback(*, department: Unit, users: dict[str, User]) -> list[Feedback]:
    for code, name, order in CATEGORIES:
        FeedbackCategory.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    FeedbackSettings.objects.get_or_create(pk=1)
    FeedbackSettings.objects.filter(pk=1, default_unit__isnull=True).update(default_unit=department)
    officer, specialist, head = users["motcua"], users["chuyenvien"], users["lanhdao"]
    start = now() - timedelta(days=21)
    items = []

    title = "Thời gian cấp bản sao văn bằng có thể nhanh hơn không?"
    item = Feedback.objects.filter(title=title).first()
    if item is None:
        item = feedback_file(
            kind=FeedbackKind.PROCEDURE,
            title=title,
            content=(
                "Tôi nộp hồ sơ xin cấp bản sao bằng tốt nghiệp THCS lúc 15 giờ 30 và được hẹn "
                "sang ngày hôm sau. Xin hỏi có thể nhận trong ngày không? Liên hệ tôi qua số "
                "0903 123 456."
            ),
            procedure_code=DIPLOMA_COPY,
            contact=Contact(name="Trần Thị Mai", phone="0903123456"),
            at=start,
        )
        code = item.tracking_code
        feedback_act(
            code=code,
            actor=officer,
            action="receive",
            at=start + timedelta(hours=2),
            data=ActionInput(category="quy-dinh"),
        )
        feedback_act(
            code=code,
            actor=officer,
            action="assign",
            at=start + timedelta(hours=3),
            data=ActionInput(assignee_id=specialist.pk),
        )
        feedback_act(
            code=code,
            actor=specialist,
            action="answer",
            at=start + timedelta(days=3),
            data=ActionInput(
                note=(
                    "Theo quy định, hồ sơ nhận trước 15 giờ được trả trong ngày; hồ sơ nhận sau "
                    "15 giờ được trả vào ngày làm việc tiếp theo. Bạn có thể nộp trực tuyến "
                    "hoặc đến trước 15 giờ để nhận bản sao ngay trong ngày."
                )
            ),
        )
        feedback_act(code=code, actor=head, action="publish", at=start + timedelta(days=4))
    items.append(item)

    title = "Cán bộ yêu cầu thêm giấy xác nhận cư trú khi chuyển trường"
    item = Feedback.objects.filter(title=title).first()
    if item is None:
        item = feedback_file(
            kind=FeedbackKind.CONDUCT,
            conduct_issue="extra_papers",
            title=title,
            content="Khi nộp hồ sơ chuyển trường, tôi bị yêu cầu nộp thêm giấy xác nhận cư trú "
            "dù thủ tục không quy định giấy này.",
            procedure_code=TRANSFER,
            anonymous=True,
            at=now() - timedelta(days=6),
        )
    items.append(item)

    title = "Đề nghị bỏ bản sao giấy khai sinh trong hồ sơ chuyển trường"
    item = Feedback.objects.filter(title=title).first()
    if item is None:
        item = feedback_file(
            kind=FeedbackKind.PROPOSAL,
            title=title,
            content="Thông tin khai sinh đã có trong Cơ sở dữ liệu quốc gia về dân cư; đề nghị "
            "khai thác dữ liệu thay cho bản sao giấy khai sinh.",
            procedure_code=TRANSFER,
            contact=Contact(name="Võ Minh Tuấn", email="congdan@example.vn"),
            filer=users["congdan"],
            at=now() - timedelta(days=1),
        )
        feedback_act(
            code=item.tracking_code,
            actor=officer,
            action="receive",
            data=ActionInput(category="don-gian-hoa"),
        )
    items.append(item)
    return items
