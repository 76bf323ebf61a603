"""A local stand-in of the national portal (DVCQG) for demo and tests, never in production:
it validates the two message shapes, stores what it accepted (once per idempotency key),
answers like the portal, and can be told to fail or to be slow (`StandInMode`)."""

import re
import time
from typing import Any

from django.db import IntegrityError, transaction

from motcua.core.clock import now
from motcua.dossiers.workflow import PORTAL_WORDS
from motcua.sync.models import PortalReceipt, StandInMode
from motcua.sync.payloads import DOSSIER_FIELDS, STEP_FIELDS

CREATE, UPDATE, STEPS = "create", "update", "steps"
ENDPOINTS = (CREATE, UPDATE, STEPS)
ALREADY_EXISTS = "Hồ sơ đã tồn tại"
_DATE = re.compile(r"^(\d{14})?$")
_DATE_FIELDS = {
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayTra",
    "NgayKetThucXuLy",
    "ThoiDiemXuLy",
    "NgayBatDau",
    "NgayKetThucTheoQuyDinh",
}
_WORDS = set(PORTAL_WORDS.values())


def _errors(record: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    errors = [f"Thiếu trường {name}" for name in fields if name not in record]
    for name in _DATE_FIELDS & record.keys():
        if not isinstance(record[name], str) or not _DATE.match(record[name]):
            errors.append(f"{name} không đúng định dạng yyyyMMddHHmmss")
    for name in ("TrangThaiHoSo", "TrangThai"):
        if name in record and record[name] not in _WORDS:
            errors.append(f"{name} không hợp lệ")
    if not record.get("MaHoSo"):
        errors.append("Thiếu MaHoSo")
    return errors


def validate(endpoint: str, body: Any) -> list[str]:
    if endpoint == STEPS:
        items = body.get("data") if isinstance(body, dict) else None
        if not isinstance(items, list) or not 1 <= len(items) <= 10:
            return ["data phải là danh sách 1–10 bước xử lý"]
        return [e for item in items for e in _errors(item, STEP_FIELDS)]
    if not isinstance(body, dict):
        return ["Nội dung phải là một đối tượng JSON"]
    return _errors(body, DOSSIER_FIELDS)


def mode() -> StandInMode:
    return StandInMode.objects.get_or_create(pk=1)[0]


def _should_fail() -> bool:
    with transaction.atomic():
        current = StandInMode.objects.select_for_update().filter(pk=1).first()
        if current is None:
            return False
        if current.delay_ms:
            time.sleep(current.delay_ms / 1000)
        if current.fail_all:
            return True
        if current.fail_next:
            current.fail_next -= 1
            current.save(update_fields=["fail_next"])
            return True
    return False


def receive(endpoint: str, key: str, body: Any) -> tuple[int, dict[str, Any]]:
    """Answer one call as the portal would: (HTTP status, JSON body)."""
    if endpoint not in ENDPOINTS:
        return 404, {"error_code": "404", "message": "Không có đầu nhận này"}
    if _should_fail():
        return 503, {"error_code": "-1", "message": "Cổng tạm thời không phục vụ"}
    errors = validate(endpoint, body)
    if errors:
        return 400, {"error_code": "2", "message": "; ".join(errors)}
    if not key:
        return 400, {"error_code": "2", "message": "Thiếu khóa Idempotency-Key"}
    if endpoint == STEPS:
        keys = key.split(",")
        if len(keys) != len(body["data"]):
            return 400, {"error_code": "2", "message": "Mỗi bước xử lý cần một khóa"}
        items = list(zip(keys, body["data"], strict=True))
    else:
        items = [(key, body)]
    fresh = [(k, b) for k, b in items if not PortalReceipt.objects.filter(key=k).exists()]
    if not fresh:
        return 200, {"error_code": "0", "message": "Đã nhận trước đó", "duplicate": True}
    code = items[0][1]["MaHoSo"]
    if endpoint == CREATE and PortalReceipt.objects.filter(code=code, endpoint=CREATE).exists():
        return 200, {"error_code": "1", "message": ALREADY_EXISTS}
    try:
        with transaction.atomic():
            for k, b in fresh:
                PortalReceipt.objects.create(
                    key=k, endpoint=endpoint, code=b["MaHoSo"], body=b, received_at=now()
                )
    except IntegrityError:
        return 200, {"error_code": "0", "message": "Đã nhận trước đó", "duplicate": True}
    return 200, {"error_code": "0", "message": "Thành công"}
