"""Feedback and petitions (phản ánh, kiến nghị): their states and the one table of staff actions.

Each staff action names the states it may start from, the state it leads to (None: unchanged,
or decided by the service), the roles that may take it and the time limit its step is judged
against. `services.feedback_act` is the only code that changes `Feedback.status` for staff;
the filer's two actions (reply with more information, rate the answer) have their own
services, authorised by the tracking code.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Role


class Status(models.TextChoices):
    NEW = "new", _("Chờ tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    WAITING_INFO = "waiting_info", _("Chờ người gửi bổ sung thông tin")
    ANSWERED = "answered", _("Đã có trả lời, chờ duyệt công khai")
    PUBLISHED = "published", _("Đã trả lời và công khai")
    REFUSED = "refused", _("Từ chối xử lý")


CLOSED = frozenset({Status.PUBLISHED, Status.REFUSED})
OPEN = frozenset(set(Status) - CLOSED)


class Action(models.TextChoices):
    FILE = "file", _("Gửi phản ánh, kiến nghị")
    RECEIVE = "receive", _("Tiếp nhận")
    CLASSIFY = "classify", _("Phân loại")
    ASSIGN = "assign", _("Giao xử lý")
    REFUSE = "refuse", _("Từ chối xử lý")
    REQUEST_INFO = "request-info", _("Đề nghị người gửi bổ sung thông tin")
    REPLY = "reply", _("Người gửi bổ sung thông tin")
    ANSWER = "answer", _("Trả lời")
    RETURN_ANSWER = "return-answer", _("Trả lại dự thảo trả lời")
    PUBLISH = "publish", _("Duyệt và công khai trả lời")
    RATE = "rate", _("Người gửi đánh giá trả lời")


class Step(models.TextChoices):
    """The time limits (FeedbackSettings), each counted on the working-day clock."""

    DECIDE = "decide", _("Tiếp nhận hoặc từ chối")
    REQUEST_INFO = "request_info", _("Đề nghị bổ sung thông tin")
    ANSWER = "answer", _("Trả lời")
    PUBLISH = "publish", _("Công khai trả lời")


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status]
    target: Status | None
    roles: frozenset[Role]
    step: Step | None = None


def _rule(
    sources: set[Status], target: Status | None, roles: set[Role], step: Step | None = None
) -> Rule:
    return Rule(frozenset(sources), target, frozenset(roles), step)


_DESK = {Role.OFFICER, Role.HEAD}
_WORK = {Status.RECEIVED, Status.PROCESSING}

RULES: dict[Action, Rule] = {
    Action.RECEIVE: _rule({Status.NEW}, Status.RECEIVED, _DESK, Step.DECIDE),
    Action.CLASSIFY: _rule({Status.NEW, *_WORK, Status.WAITING_INFO, Status.ANSWERED}, None, _DESK),
    Action.ASSIGN: _rule(_WORK, Status.PROCESSING, _DESK),
    Action.REFUSE: _rule(
        {Status.NEW, *_WORK, Status.WAITING_INFO}, Status.REFUSED, _DESK, Step.DECIDE
    ),
    Action.REQUEST_INFO: _rule(
        _WORK, Status.WAITING_INFO, {Role.OFFICER, Role.SPECIALIST, Role.HEAD}, Step.REQUEST_INFO
    ),
    # A filer who never replies does not block the answer: the wait ends with it.
    Action.ANSWER: _rule(
        {*_WORK, Status.WAITING_INFO}, Status.ANSWERED, {Role.SPECIALIST, Role.HEAD}, Step.ANSWER
    ),
    Action.RETURN_ANSWER: _rule({Status.ANSWERED}, Status.PROCESSING, {Role.HEAD}),
    Action.PUBLISH: _rule({Status.ANSWERED}, Status.PUBLISHED, {Role.HEAD}, Step.PUBLISH),
}

# A specialist acts only on what is assigned to them (the service checks it).
ASSIGNEE_ONLY = frozenset({Role.SPECIALIST})


def allowed_actions(status: Status, role: str) -> list[Action]:
    """The staff actions a person in `role` may take in `status`, in table order."""
    return [
        action for action, rule in RULES.items() if status in rule.sources and role in rule.roles
    ]
