"""The control room (/dieu-hanh/) and the procedure review (/ra-soat-thu-tuc/)."""

from motcua.supervision.views.control_room import control_room, flagged_dossiers
from motcua.supervision.views.review import procedure_review, procedure_review_export

__all__ = ["control_room", "flagged_dossiers", "procedure_review", "procedure_review_export"]
