"""One exception hierarchy for domain errors: a stable code, a translated message, a status.

Services raise these; the DRF handler (`core.api.exception_handler`) and the web views map
them to responses. Unexpected errors are not caught here: they stay 500 and get fixed.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "error"
    status = 400
    default_message = _("Yêu cầu không hợp lệ.")

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        field: str | None = None,
        errors: dict[str, list[str]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.message = str(message if message is not None else self.default_message)
        if code:
            self.code = code
        self.errors = dict(errors or {})
        if field:
            self.errors.setdefault(field, []).append(self.message)
        self.extra = extra or {}
        super().__init__(self.message)


class InvalidInput(DomainError):
    code = "invalid"
    status = 400
    default_message = _("Dữ liệu không hợp lệ.")


class NotAllowed(DomainError):
    code = "not_allowed"
    status = 403
    default_message = _("Bạn không có quyền thực hiện thao tác này.")


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("Không tìm thấy.")


class Conflict(DomainError):
    """The action is not allowed in the current state, or someone acted first."""

    code = "conflict"
    status = 409
    default_message = _("Thao tác không thực hiện được ở trạng thái hiện tại.")


class Unprocessable(DomainError):
    code = "unprocessable"
    status = 422
    default_message = _("Dữ liệu không xử lý được.")


class PayloadTooLarge(DomainError):
    """A file, or the files of a dossier together, over the configured size limit."""

    code = "too_large"
    status = 413
    default_message = _("Dữ liệu gửi lên vượt quá dung lượng cho phép.")
