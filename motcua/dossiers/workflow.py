"""The dossier's states (the national portal's ten codes) and the one table of allowed actions.

Each action names the states it may start from, the state it leads to (None: unchanged, or
decided by the service, e.g. `supplement` returns to the state before the request), and the
roles that may take it. `services.dossier_act` changes `Dossier.status`, but for the end of a
wait for payment (`services.dossier_fee_paid`, called by motcua.payments).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Role


class Status(models.IntegerChoices):
    SUBMITTED = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    REFUSED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    WAITING_SUPPLEMENT = 5, _("Yêu cầu bổ sung")
    WAITING_PAYMENT = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    RESOLVED = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


# The portal's own words for each status (TrangThaiHoSo in the sync payloads).
PORTAL_WORDS = {
    Status.SUBMITTED: "receiving",
    Status.RECEIVED: "new",
    Status.REFUSED: "denied",
    Status.PROCESSING: "processing",
    Status.WAITING_SUPPLEMENT: "waiting",
    Status.WAITING_PAYMENT: "paying",
    Status.WITHDRAWN: "cancelled",
    Status.STOPPED: "unresolved",
    Status.RESOLVED: "releasing",
    Status.RETURNED: "done",
}

FINAL = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED})
OPEN = frozenset(
    {
        Status.SUBMITTED,
        Status.RECEIVED,
        Status.PROCESSING,
        Status.WAITING_SUPPLEMENT,
        Status.WAITING_PAYMENT,
    }
)
# States in which the time limit runs (received and not paused, not finished).
# Not finished: open, or resolved and waiting to be returned (the staff queue by default).
ACTIVE = OPEN | {Status.RESOLVED}
CLOCK_RUNNING = frozenset({Status.RECEIVED, Status.PROCESSING})


class Action(models.TextChoices):
    SUBMIT = "submit", _("Nộp hồ sơ trực tuyến")
    REGISTER = "register", _("Tiếp nhận tại quầy")
    RECEIVE = "receive", _("Tiếp nhận")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    REQUEST_SUPPLEMENT = "request-supplement", _("Yêu cầu bổ sung")
    SUPPLEMENT = "supplement", _("Bổ sung hồ sơ")
    HANDOVER = "handover", _("Chuyển bước xử lý")
    RETURN_TO_PREVIOUS = "return-to-previous", _("Trả lại bước trước")
    PROPOSE = "propose", _("Trình kết quả")
    APPROVE = "approve", _("Phê duyệt")
    REJECT_PROPOSAL = "reject-proposal", _("Không phê duyệt")
    EXTEND = "extend", _("Xin lỗi và gia hạn")
    STOP = "stop", _("Dừng xử lý")
    WITHDRAW = "withdraw", _("Rút hồ sơ")
    RETURN_RESULT = "return-result", _("Trả kết quả")
    # Not in RULES: the payment's confirmation (the gateway's IPN or the officer at the desk,
    # through motcua.payments) ends the wait of status 6 (`services.dossier_fee_paid`).
    PAY = "pay", _("Nộp phí, lệ phí")
    # History lines that change no status (from_status == to_status): the dossier's papers.
    ATTACH_FILE = "attach-file", _("Đính kèm tệp thành phần hồ sơ")
    DIGITIZE = "digitize", _("Số hóa thành phần hồ sơ")
    REUSE_DOCUMENT = "reuse-document", _("Dùng lại giấy tờ từ kho dữ liệu")
    SHOW_PAPER = "show-paper", _("Xuất trình giấy tờ, không lưu")


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status]
    target: Status | None
    roles: frozenset[Role]


def _rule(sources: set[Status], target: Status | None, *roles: Role) -> Rule:
    return Rule(frozenset(sources), target, frozenset(roles))


_WORK = {Status.RECEIVED, Status.PROCESSING}

RULES: dict[Action, Rule] = {
    Action.RECEIVE: _rule({Status.SUBMITTED}, Status.RECEIVED, Role.OFFICER),
    Action.REFUSE: _rule({Status.SUBMITTED, Status.RECEIVED}, Status.REFUSED, Role.OFFICER),
    Action.REQUEST_SUPPLEMENT: _rule(
        {Status.SUBMITTED, *_WORK}, Status.WAITING_SUPPLEMENT, Role.OFFICER, Role.SPECIALIST
    ),
    # Back to the state the request interrupted (recorded on the pause).
    Action.SUPPLEMENT: _rule({Status.WAITING_SUPPLEMENT}, None, Role.CITIZEN, Role.OFFICER),
    Action.HANDOVER: _rule(_WORK, Status.PROCESSING, Role.OFFICER, Role.SPECIALIST, Role.HEAD),
    Action.RETURN_TO_PREVIOUS: _rule(
        {Status.PROCESSING}, Status.PROCESSING, Role.SPECIALIST, Role.HEAD
    ),
    Action.PROPOSE: _rule({Status.PROCESSING}, Status.PROCESSING, Role.SPECIALIST),
    Action.APPROVE: _rule({Status.PROCESSING}, Status.RESOLVED, Role.HEAD),
    Action.REJECT_PROPOSAL: _rule({Status.PROCESSING}, Status.PROCESSING, Role.HEAD),
    Action.EXTEND: _rule({*_WORK, Status.WAITING_SUPPLEMENT}, None, Role.HEAD),
    Action.STOP: _rule(
        {*_WORK, Status.WAITING_SUPPLEMENT, Status.WAITING_PAYMENT},
        Status.STOPPED,
        Role.OFFICER,
        Role.HEAD,
    ),
    Action.WITHDRAW: _rule(
        {Status.SUBMITTED, *_WORK, Status.WAITING_SUPPLEMENT, Status.WAITING_PAYMENT},
        Status.WITHDRAWN,
        Role.CITIZEN,
    ),
    Action.RETURN_RESULT: _rule({Status.RESOLVED}, Status.RETURNED, Role.OFFICER),
}


def allowed_actions(status: Status, role: Role) -> list[Action]:
    """The actions a person in `role` may take on a dossier in `status`, in table order."""
    return [
        action for action, rule in RULES.items() if status in rule.sources and role in rule.roles
    ]
