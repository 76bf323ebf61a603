"""The reporting pages: a unit's reports, the receiving office's board and consolidation,
the implementation plan."""

from motcua.reporting.views.plans import (
    evidence_download,
    plan_detail,
    plan_list,
    plan_sample,
    task_detail,
)
from motcua.reporting.views.receiver import (
    board,
    consolidated,
    consolidated_export,
    remind_missing,
    report_return,
)
from motcua.reporting.views.reports import (
    attachment_detach,
    attachment_download,
    index,
    period_open,
    report_page,
)

__all__ = [
    "attachment_detach",
    "attachment_download",
    "board",
    "consolidated",
    "consolidated_export",
    "evidence_download",
    "index",
    "period_open",
    "plan_detail",
    "plan_list",
    "plan_sample",
    "remind_missing",
    "report_page",
    "report_return",
    "task_detail",
]
