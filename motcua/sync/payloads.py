"""The two message shapes of the national portal (DVCQG), built from a dossier and one history
row at the moment of the change: the dossier message and the processing-step message."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from motcua.accounts.models import Role
from motcua.core.clock import local
from motcua.dossiers.models import Dossier, DossierEvent, DossierFile
from motcua.dossiers.workflow import PORTAL_WORDS, Action, Status

DATE_FORMAT = "%Y%m%d%H%M%S"

DOSSIER_FIELDS = (
    "MaHoSo",
    "MaTTHC",
    "TenTTHC",
    "MaLinhVuc",
    "KenhThucHien",
    "ChuHoSo",
    "SoGiayToChuHoSo",
    "LoaiDoiTuong",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayTra",
    "NgayKetThucXuLy",
    "TrangThaiHoSo",
    "DuocThanhToanTrucTuyen",
    "HoSoCoThanhPhanSoHoa",
    "TaiLieuNop",
    "DanhSachLePhi",
    "DanhSachGiayToKetQua",
)
STEP_FIELDS = (
    "MaHoSo",
    "NguoiXuLy",
    "ChucDanh",
    "ThoiDiemXuLy",
    "PhongBanXuLy",
    "NoiDungXuLy",
    "TrangThai",
    "NgayBatDau",
    "NgayKetThucTheoQuyDinh",
)


def portal_date(value: datetime | None) -> str:
    """`yyyyMMddHHmmss` in Vietnam time; empty when the date is not known yet."""
    return local(value).strftime(DATE_FORMAT) if value else ""


_UNSET: Any = object()


def dossier_message(
    dossier: Dossier,
    *,
    files: Sequence[DossierFile] | None = None,
    orders: Sequence[Any] | None = None,
    result: Any = _UNSET,
) -> dict[str, Any]:
    """The dossier message. `files` (with their component), `orders` and `result` may be given
    already loaded, in order (the backfill builds thousands at once); else they are read."""
    from motcua.documents.models import EResult
    from motcua.payments.models import Method, OrderStatus, PaymentOrder

    procedure = dossier.procedure
    if files is None:
        files = list(dossier.files.select_related("component").order_by("pk"))
    if orders is None:
        orders = list(PaymentOrder.objects.filter(dossier=dossier).order_by("pk"))
    if result is _UNSET:
        result = EResult.objects.filter(dossier=dossier).first()
    # DuocThanhToanTrucTuyen: the fees were paid through the gateway.
    paid_online = any(o.status == OrderStatus.PAID and o.method == Method.ONLINE for o in orders)
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaLinhVuc": procedure.field.code if procedure.field_id else "",
        "KenhThucHien": int(dossier.channel),
        "ChuHoSo": dossier.applicant_name,
        "SoGiayToChuHoSo": dossier.applicant_id_number,
        "LoaiDoiTuong": 2 if dossier.applicant_organization else 1,
        "NgayTiepNhan": portal_date(dossier.received_at),
        "NgayHenTra": portal_date(dossier.extended_due_at or dossier.due_at),
        "NgayTra": portal_date(dossier.returned_at),
        "NgayKetThucXuLy": portal_date(dossier.resolved_at),
        "TrangThaiHoSo": PORTAL_WORDS[Status(dossier.status)],
        "DuocThanhToanTrucTuyen": 1 if paid_online else 0,
        "HoSoCoThanhPhanSoHoa": 1 if dossier.has_digitized_components else 0,
        # Names and checksums only: the files themselves stay here.
        "TaiLieuNop": [
            {
                "TenTepDinhKem": f.original_name,
                "TenThanhPhan": f.component.name if f.component_id else "",
                "MaKiemTra": f.sha256,
                "LaSoHoa": 1 if f.digitized else 0,
            }
            for f in files
        ],
        "DanhSachLePhi": [
            {
                "MaGiaoDich": o.txn_ref,
                "SoTien": o.amount,
                "HinhThuc": o.method,
                "TrangThai": o.status,
                "NgayThanhToan": portal_date(o.paid_at),
            }
            for o in orders
        ],
        "DanhSachGiayToKetQua": (
            [
                {
                    "TenGiayTo": result.title,
                    "MaXacThuc": result.verification_code,
                    "MaKiemTra": result.sha256,
                    "NgayKy": portal_date(result.signed_at),
                }
            ]
            if result
            else []
        ),
    }


def step_message(dossier: Dossier, event: DossierEvent) -> dict[str, Any]:
    actor = event.actor
    step = event.to_step or event.from_step
    unit = step.unit if step is not None and step.unit_id else dossier.agency
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": event.actor_name or "Hệ thống",
        "ChucDanh": str(Role(actor.role).label) if actor else "",
        "ThoiDiemXuLy": portal_date(event.at),
        "PhongBanXuLy": unit.name if unit else "",
        "NoiDungXuLy": str(Action(event.action).label),
        "TrangThai": PORTAL_WORDS[Status(event.to_status)],
        "NgayBatDau": portal_date(dossier.step_started_at or event.at),
        "NgayKetThucTheoQuyDinh": portal_date(event.step_due_at or dossier.due_at),
    }
