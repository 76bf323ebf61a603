"""The states of a unit's report and of the department's consolidated report, and the one
table of allowed actions. `services` is the only code that changes a status field.

A report is a draft until its unit submits it; once submitted it is locked, unless the
receiving department returns it for correction (with a reason), which makes it editable
again until it is submitted anew.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Trả lại để chỉnh sửa")


class ConsolidatedStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa gửi")
    SUBMITTED = "submitted", _("Đã gửi cấp trên")


class Action(models.TextChoices):
    CREATE = "create", _("Tạo báo cáo")
    SAVE = "save", _("Lưu nháp")
    ATTACH = "attach", _("Đính kèm tệp")
    DETACH = "detach", _("Gỡ tệp đính kèm")
    SUBMIT = "submit", _("Nộp báo cáo")
    RETURN = "return", _("Trả lại để chỉnh sửa")
    CONSOLIDATE = "consolidate", _("Cập nhật báo cáo tổng hợp")
    SUBMIT_UPWARD = "submit-upward", _("Gửi báo cáo tổng hợp lên cấp trên")


class Side(models.TextChoices):
    """Who may take an action: the reporting unit's own people or the receiving office."""

    REPORTER = "reporter", _("Đơn vị báo cáo")
    RECEIVER = "receiver", _("Cơ quan nhận báo cáo")


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str | None  # None: the status does not change
    side: Side


EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})

RULES: dict[str, Rule] = {
    Action.SAVE: Rule(EDITABLE, None, Side.REPORTER),
    Action.ATTACH: Rule(EDITABLE, None, Side.REPORTER),
    Action.DETACH: Rule(EDITABLE, None, Side.REPORTER),
    Action.SUBMIT: Rule(EDITABLE, ReportStatus.SUBMITTED, Side.REPORTER),
    Action.RETURN: Rule(frozenset({ReportStatus.SUBMITTED}), ReportStatus.RETURNED, Side.RECEIVER),
}


def allowed(action: str, status: str) -> bool:
    return status in RULES[action].sources
