"""Electronic papers: the data store of each person or business (kho dữ liệu), the signed
electronic results (kết quả điện tử) with their public verification code, and the log of
every download of a private file.

Files live in Django's storage under generated names; the user's file name is metadata only,
and every file carries the SHA-256 of its content, checked again when it is served.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _stored_path(prefix: str, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{prefix}/{uuid.uuid4().hex}{suffix}"


def store_file_path(instance: "StoredDocument", filename: str) -> str:
    return _stored_path("store", filename)


def eresult_file_path(instance: "EResult", filename: str) -> str:
    return _stored_path("results", filename)


class OwnerKind(models.TextChoices):
    PERSON = "person", _("Cá nhân (số định danh)")
    BUSINESS = "business", _("Tổ chức, doanh nghiệp (mã số thuế)")


class StoredOrigin(models.TextChoices):
    DOSSIER_FILE = "dossier_file", _("Thành phần hồ sơ đã được tiếp nhận")
    E_RESULT = "e_result", _("Kết quả điện tử")
    RECEIPT = "receipt", _("Biên lai thu phí, lệ phí")


class StoredDocument(models.Model):
    """One paper in a person's or business's data store, keyed by ID number or tax code."""

    owner_id_number = models.CharField(
        _("số định danh / mã số thuế của chủ giấy tờ"), max_length=20, db_index=True
    )
    owner_kind = models.CharField(
        _("loại chủ giấy tờ"), max_length=16, choices=OwnerKind.choices, default=OwnerKind.PERSON
    )
    owner_name = models.CharField(_("tên chủ giấy tờ"), max_length=255, blank=True)
    document_type = models.ForeignKey(
        "catalog.DocumentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại giấy tờ"),
    )
    title = models.CharField(_("tên giấy tờ"), max_length=500)
    issuer = models.CharField(_("cơ quan cấp"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    valid_until = models.DateField(_("có giá trị đến"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to=store_file_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("định dạng"), max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    origin = models.CharField(_("nguồn"), max_length=16, choices=StoredOrigin.choices)
    # The store outlives the dossier it came from (its own copy of the bytes).
    source_dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hồ sơ nguồn"),
    )
    created_at = models.DateTimeField(_("lưu lúc"))

    class Meta:
        ordering = ["owner_id_number", "-created_at", "-pk"]
        verbose_name = _("giấy tờ trong kho dữ liệu")
        verbose_name_plural = _("kho dữ liệu giấy tờ")
        indexes = [
            models.Index(
                fields=["owner_id_number", "document_type"], name="documents_store_owner_type"
            )
        ]

    def __str__(self) -> str:
        return self.title


class EResult(models.Model):
    """The signed electronic copy of a dossier's result (PAdES, signed by the agency)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="e_result",
        verbose_name=_("hồ sơ"),
    )
    verification_code = models.CharField(_("mã xác thực"), max_length=32, unique=True)
    title = models.CharField(_("tên kết quả"), max_length=500)
    file = models.FileField(_("tệp PDF đã ký"), upload_to=eresult_file_path, max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64, db_index=True)
    signer_name = models.CharField(_("cơ quan ký"), max_length=255)
    certificate_serial = models.CharField(_("số hiệu chứng thư"), max_length=64)
    signed_at = models.DateTimeField(_("ký lúc"))
    stored_document = models.ForeignKey(
        StoredDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bản trong kho dữ liệu"),
    )

    class Meta:
        verbose_name = _("kết quả điện tử")
        verbose_name_plural = _("kết quả điện tử")

    def __str__(self) -> str:
        return self.verification_code


class AccessKind(models.TextChoices):
    DOSSIER_FILE = "dossier_file", _("Tệp thành phần hồ sơ")
    STORED = "stored", _("Giấy tờ trong kho dữ liệu")
    E_RESULT = "e_result", _("Kết quả điện tử")
    FEEDBACK_FILE = "feedback_file", _("Tệp đính kèm phản ánh, kiến nghị")


class AccessGround(models.TextChoices):
    APPLICANT = "applicant", _("Người nộp, chủ giấy tờ")
    STAFF = "staff", _("Cán bộ của đơn vị")
    VERIFICATION_CODE = "verification_code", _("Mã xác thực kết quả")


class FileAccess(models.Model):
    """Every download of a private file: who (or which verification code), when, which file."""

    kind = models.CharField(_("loại tệp"), max_length=16, choices=AccessKind.choices)
    object_id = models.PositiveBigIntegerField(_("mã bản ghi tệp"))
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hồ sơ"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải"),
    )
    ground = models.CharField(_("căn cứ được tải"), max_length=20, choices=AccessGround.choices)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    at = models.DateTimeField(_("thời điểm"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("lượt tải tệp")
        verbose_name_plural = _("nhật ký tải tệp")
        indexes = [models.Index(fields=["kind", "object_id"], name="documents_access_object")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.at:%Y-%m-%d %H:%M}"
