"""In-app notifications: one row per message to one person, read or not.

Written only by `services.notify`; the e-mail copy, when asked for, is sent by a task.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người nhận"),
    )
    kind = models.CharField(
        _("loại"), max_length=64, blank=True, help_text=_("Ví dụ: report-reminder.")
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [
            models.Index(
                fields=["user", "created_at"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(fields=["user", "created_at"], name="notification_user"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Channel(models.TextChoices):
    IN_APP = "in_app", _("Trên hệ thống")
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")


class TemplateKey(models.TextChoices):
    DOSSIER_RECEIVED = "dossier-received", _("Hồ sơ đã được tiếp nhận")
    DOSSIER_SUPPLEMENT = "dossier-supplement", _("Hồ sơ cần bổ sung")
    DOSSIER_PAYMENT = "dossier-payment", _("Hồ sơ chờ nộp phí, lệ phí")
    DOSSIER_EXTENDED = "dossier-extended", _("Hồ sơ trễ hạn, hẹn lại ngày trả")
    DOSSIER_RESOLVED = "dossier-resolved", _("Hồ sơ đã có kết quả")
    DOSSIER_RETURNED = "dossier-returned", _("Đã trả kết quả hồ sơ")
    STAFF_NEW_DOSSIER = "staff-new-dossier", _("Cán bộ: hồ sơ mới ở bước của mình")
    STAFF_DUE_TOMORROW = "staff-due-tomorrow", _("Cán bộ: hồ sơ đến hạn ngày mai")
    STAFF_FEEDBACK_OVERDUE = "staff-feedback-overdue", _("Cán bộ: phản ánh, kiến nghị quá hạn")


class MessageTemplate(models.Model):
    """The wording of one kind of message, editable in the admin; `{{ code }}`, `{{ due }}`,
    `{{ procedure }}`… are filled in (Django template syntax, no HTML)."""

    key = models.CharField(_("loại"), max_length=32, choices=TemplateKey.choices, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung thư, thông báo"))
    sms = models.CharField(_("nội dung SMS"), max_length=320)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("mẫu thông báo")
        verbose_name_plural = _("mẫu thông báo")

    def __str__(self) -> str:
        return self.get_key_display()


class Preference(models.Model):
    """The channels a person wants (no row: in-app and e-mail, no SMS)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("người dùng"),
    )
    in_app = models.BooleanField(_("trên hệ thống"), default=True)
    email = models.BooleanField(_("thư điện tử"), default=True)
    sms = models.BooleanField(_("tin nhắn SMS"), default=False)

    class Meta:
        verbose_name = _("kênh nhận thông báo")
        verbose_name_plural = _("kênh nhận thông báo")

    def __str__(self) -> str:
        return str(self.user)


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi, sẽ gửi lại")


class Delivery(models.Model):
    """One e-mail or SMS to send, by the worker; a failure is kept and retried."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("địa chỉ nhận"), max_length=254)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    kind = models.CharField(_("loại"), max_length=64, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lượt gửi thông báo")
        verbose_name_plural = _("lượt gửi thông báo")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.channel} → {self.address}"
