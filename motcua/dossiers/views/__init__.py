"""The dossier pages: citizen submission and list, the staff queue and desk, one dossier's
page with its actions, and the public status page."""

from motcua.dossiers.views.citizen import dossier_submit_page, my_dossiers
from motcua.dossiers.views.detail import dossier_action, dossier_detail, dossier_file
from motcua.dossiers.views.papers import component_reuse, component_scan, component_shown
from motcua.dossiers.views.public import public_status
from motcua.dossiers.views.staff import queue, register

__all__ = [
    "component_reuse",
    "component_scan",
    "component_shown",
    "dossier_action",
    "dossier_detail",
    "dossier_file",
    "dossier_submit_page",
    "my_dossiers",
    "public_status",
    "queue",
    "register",
]
