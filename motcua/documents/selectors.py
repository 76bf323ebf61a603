"""Reads of the data store (kho dữ liệu), limited to what the person may see.

A citizen or business sees the papers kept under their own ID number or tax code; nobody else
lists a store. The officer at the desk only sees what is offered for the dossier in front of
them (`store_offers` for that dossier's applicant), through the dossier's own pages.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import ApplicantKind, Role, User
from motcua.catalog.models import ProcedureComponent
from motcua.core.clock import local, now
from motcua.core.exceptions import NotFound
from motcua.documents.models import StoredDocument


def owner_id_number(user: User) -> str:
    """The ID number (person) or tax code (business) a citizen account's store is keyed by."""
    if not user.is_authenticated or user.role != Role.CITIZEN:
        return ""
    if user.applicant_kind == ApplicantKind.BUSINESS:
        return user.tax_code or ""
    return user.citizen_id or ""


def today() -> date:
    return local(now()).date()


def valid_on(day: date) -> Q:
    return Q(valid_until__isnull=True) | Q(valid_until__gte=day)


def stored_documents_of(user: User) -> QuerySet[StoredDocument]:
    """The person's own store, newest first."""
    owner = owner_id_number(user)
    if not owner:
        return StoredDocument.objects.none()
    return (
        StoredDocument.objects.filter(owner_id_number=owner)
        .select_related("document_type", "source_dossier")
        .order_by("-created_at", "-pk")
    )


def stored_document_get(*, pk: int, user: User) -> StoredDocument:
    document = stored_documents_of(user).filter(pk=pk).first()
    if document is None:
        raise NotFound(_("Không tìm thấy giấy tờ trong kho dữ liệu của bạn."))
    return document


def store_offers(
    *, owner: str, components: Iterable[ProcedureComponent], on: date | None = None
) -> dict[int, StoredDocument]:
    """For each component that names a document type, the owner's newest paper of that type
    still valid on `on` (today by default). One query."""
    wanted = {c.pk: c.document_type_id for c in components if c.document_type_id}
    if not owner or not wanted:
        return {}
    newest: dict[int, StoredDocument] = {}
    documents = (
        StoredDocument.objects.filter(owner_id_number=owner)
        .filter(document_type_id__in=set(wanted.values()))
        .filter(valid_on(on or today()))
        .select_related("document_type")
        .order_by("-created_at", "-pk")
    )
    for document in documents:
        newest.setdefault(document.document_type_id, document)
    return {pk: newest[type_id] for pk, type_id in wanted.items() if type_id in newest}
