"""The feedback pages (public, filer, staff) and the dossier rating pages."""

from motcua.feedback.views.public import (
    attachment,
    file_feedback,
    my_feedback,
    published,
    rate_answer,
    reply,
    track,
)
from motcua.feedback.views.ratings import kiosk, rate_dossier, summary
from motcua.feedback.views.staff import proposals, staff_action, staff_detail, staff_list

__all__ = [
    "attachment",
    "file_feedback",
    "kiosk",
    "my_feedback",
    "proposals",
    "published",
    "rate_answer",
    "rate_dossier",
    "reply",
    "staff_action",
    "staff_detail",
    "staff_list",
    "summary",
    "track",
]
