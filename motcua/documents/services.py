"""The rules of the data store (kho dữ liệu): what goes in, and what may be reused.

A dossier's accepted papers enter the applicant's store when the dossier is received: each
file of a component that names a document type is copied under the store (its own bytes and
checksum, so the entry outlives the dossier's files). A paper already there (same owner, type
and content) or one the dossier reused from the store is not added again. A later dossier of
the same person may attach a stored paper by reference instead of asking for it again.
"""

import calendar
import logging
from datetime import date, datetime

from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureComponent
from motcua.core.clock import local
from motcua.core.exceptions import InvalidInput
from motcua.documents.access import sha256_of
from motcua.documents.models import OwnerKind, StoredDocument, StoredOrigin
from motcua.documents.selectors import today
from motcua.documents.uploads import EXTENSIONS, FileKind, save_file

logger = logging.getLogger(__name__)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def owner_kind(id_number: str) -> str:
    """A 12-digit number is a person's ID; anything else a business's tax code."""
    return OwnerKind.PERSON if len(id_number) == 12 and id_number.isdigit() else OwnerKind.BUSINESS


def _extension(content_type: str, name: str) -> str:
    for kind, mime in (
        (FileKind.PDF, "application/pdf"),
        (FileKind.JPEG, "image/jpeg"),
        (FileKind.PNG, "image/png"),
    ):
        if content_type == mime:
            return EXTENSIONS[kind]
    return ".pdf" if name.lower().endswith(".pdf") else ""


def store_dossier_files(*, dossier, at: datetime) -> list[StoredDocument]:  # type: ignore[no-untyped-def]
    """Add the dossier's papers of a known document type to its applicant's store.

    Called when the dossier is received, and again when a paper is added to a dossier already
    received; a file already stored, or reused from the store, is skipped."""
    owner = (dossier.applicant_id_number or "").strip()
    if not owner:
        return []
    rows = [
        row
        for row in dossier.files.filter(
            component__document_type__isnull=False, stored_document__isnull=True
        ).select_related("component__document_type")
        if row.file
    ]
    if not rows:
        return []
    existing = set(
        StoredDocument.objects.filter(owner_id_number=owner).values_list(
            "document_type_id", "sha256"
        )
    )
    stored = []
    for row in rows:
        document_type = row.component.document_type
        try:
            actual = sha256_of(row.file)
        except (OSError, ValueError):
            logger.error("dossier file %s missing, not added to the store", row.pk)
            continue
        if row.sha256 and actual != row.sha256:
            logger.error("dossier file %s changed since upload, not added to the store", row.pk)
            continue
        if (document_type.pk, actual) in existing:
            continue
        received = local(at).date()
        document = StoredDocument(
            owner_id_number=owner,
            owner_kind=owner_kind(owner),
            owner_name=dossier.applicant_organization or dossier.applicant_name,
            document_type=document_type,
            title=document_type.name,
            issuer=document_type.issuer,
            # The issue date is not known; the paper was valid when received, so its validity
            # is counted from then at the latest.
            valid_until=add_months(received, document_type.validity_months)
            if document_type.validity_months
            else None,
            original_name=row.original_name,
            content_type=row.content_type,
            size=row.size,
            sha256=actual,
            origin=StoredOrigin.DOSSIER_FILE,
            source_dossier=dossier,
            created_at=at,
        )
        with row.file.open("rb") as handle:
            name = "kho" + _extension(row.content_type, row.original_name)
            save_file(document.file, name, handle)
        document.save()
        existing.add((document_type.pk, actual))
        stored.append(document)
    return stored


def stored_document_for_reuse(
    *,
    stored_document_id: int,
    owner: str,
    component: ProcedureComponent,
    field: str,
    on: date | None = None,
) -> StoredDocument:
    """The stored paper `stored_document_id`, checked for reuse as `component` of a dossier of
    `owner`: the owner's own, of the component's type, still valid."""
    document = (
        StoredDocument.objects.filter(pk=stored_document_id, owner_id_number=owner)
        .select_related("document_type")
        .first()
    )
    if document is None:
        raise InvalidInput(
            _("Không tìm thấy giấy tờ số %(id)s trong kho dữ liệu của người nộp.")
            % {"id": stored_document_id},
            field=field,
        )
    wanted = component.document_type_id
    if wanted is None or document.document_type_id != wanted:
        raise InvalidInput(
            _("Giấy tờ «%(title)s» không phải loại giấy tờ của thành phần «%(component)s».")
            % {"title": document.title, "component": component.name},
            field=field,
        )
    if document.valid_until is not None and document.valid_until < (on or today()):
        raise InvalidInput(
            _("Giấy tờ «%(title)s» đã hết hiệu lực ngày %(day)s; vui lòng nộp bản mới.")
            % {"title": document.title, "day": f"{document.valid_until:%d/%m/%Y}"},
            field=field,
        )
    return document
