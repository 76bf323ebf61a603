"""The electronic receipt (biên lai thu phí, lệ phí) of a paid order: numbered per agency and
year, printed in the official layout, kept in the payer's data store and on the order."""

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation

from motcua.accounts.models import ApplicantKind
from motcua.core.clock import local
from motcua.documents.models import OwnerKind, StoredDocument, StoredOrigin
from motcua.documents.uploads import save_file
from motcua.dossiers.documents import printing
from motcua.payments.models import Method, PaymentOrder

TITLE = "BIÊN LAI THU PHÍ, LỆ PHÍ"


def _number(order: PaymentOrder, at: datetime) -> str:
    from motcua.dossiers.services import next_counter_value

    year = local(at).year
    value = next_counter_value(f"receipt:{order.dossier.agency_id}:{year}")
    return f"{value:07d}/{year}"


def _amount_in_words(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def render_receipt(order: PaymentOrder) -> bytes:
    dossier = order.dossier
    with translation.override("vi"):
        head = printing.letterhead(dossier.agency)
        html = render_to_string(
            "payments/receipt.html",
            {
                "kind": "payment-receipt",
                "title": TITLE,
                "form": "",
                "letterhead": head,
                "nation": printing.NATION,
                "motto": printing.MOTTO,
                "dated": printing.dated_line(head.place, local(order.paid_at).date()),
                "dossier": dossier,
                "procedure": dossier.procedure,
                "order": order,
                "method_label": Method(order.method).label,
                "paid_at": printing.format_instant(order.paid_at),
                "total": _amount_in_words(order.amount),
                "lines": [
                    {**line, "amount_text": _amount_in_words(line["amount"])}
                    for line in order.lines
                ],
                "signers": [],
            },
        )
    return printing.html_to_pdf(html)


def receipt_issue(order: PaymentOrder, *, at: datetime) -> StoredDocument:
    """Number, print and keep the receipt (in the caller's transaction)."""
    order.receipt_number = _number(order, at)
    content = render_receipt(order)
    dossier = order.dossier
    business = dossier.applicant is not None and (
        dossier.applicant.applicant_kind == ApplicantKind.BUSINESS
    )
    stored = StoredDocument(
        owner_id_number=dossier.applicant_id_number,
        owner_kind=OwnerKind.BUSINESS if business else OwnerKind.PERSON,
        owner_name=dossier.applicant_name,
        title=f"Biên lai thu phí, lệ phí số {order.receipt_number} — hồ sơ {dossier.code}",
        issuer=dossier.agency.name,
        issued_on=local(at).date(),
        original_name=f"bien-lai-{dossier.code}.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        origin=StoredOrigin.RECEIPT,
        source_dossier=dossier,
        created_at=at,
    )
    save_file(stored.file, stored.original_name, ContentFile(content))
    stored.save()
    order.receipt = stored
    order.save(update_fields=["receipt_number", "receipt"])
    return stored
