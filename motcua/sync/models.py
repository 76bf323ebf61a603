"""The portal outbox (one event per dossier change, written in the change's transaction), what
the local portal stand-in received, and the worker's schedule slots."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    DOSSIER = "dossier", _("Thông tin hồ sơ")
    STEP = "step", _("Tiến trình xử lý")


class EventState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    DELIVERED = "delivered", _("Đã gửi")
    DEAD = "dead", _("Ngừng gửi")


class OutboxEvent(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="outbox_events"
    )
    sequence = models.PositiveIntegerField(_("thứ tự trong hồ sơ"))
    kind = models.CharField(_("loại"), max_length=16, choices=EventKind.choices)
    key = models.CharField(_("khóa chống trùng"), max_length=64, unique=True)
    payload = models.JSONField(_("nội dung"))
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=EventState.choices, default=EventState.PENDING
    )
    created_at = models.DateTimeField(_("tạo lúc"))
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"))
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    delivered_at = models.DateTimeField(_("gửi xong lúc"), null=True, blank=True)
    endpoint = models.CharField(_("đầu nhận"), max_length=16, blank=True)
    # The sender that holds the dossier's queue, until when (a crashed one's lease runs out).
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier_id", "sequence"]
        verbose_name = _("sự kiện đồng bộ")
        verbose_name_plural = _("sự kiện đồng bộ")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "sequence"], name="outbox_dossier_sequence")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="pending"),
                name="outbox_pending_due",
            ),
            # "Every event of this dossier delivered" (the 766 index, per dossier): the few
            # events not yet delivered, by dossier.
            models.Index(
                fields=["dossier"],
                condition=~models.Q(state="delivered"),
                name="outbox_undelivered",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class PortalReceipt(models.Model):
    """One message the local stand-in of the portal accepted (idempotent on the key)."""

    key = models.CharField(max_length=64, unique=True)
    endpoint = models.CharField(max_length=16)
    code = models.CharField(_("mã hồ sơ"), max_length=64, db_index=True)
    body = models.JSONField()
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("bản tin cổng thử nghiệm đã nhận")
        verbose_name_plural = _("bản tin cổng thử nghiệm đã nhận")

    def __str__(self) -> str:
        return self.key


class StandInMode(models.Model):
    """How the stand-in behaves (a single row): fail the next N calls, fail all, be slow."""

    fail_next = models.PositiveIntegerField(default=0)
    fail_all = models.BooleanField(default=False)
    delay_ms = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"fail_next={self.fail_next} fail_all={self.fail_all} delay_ms={self.delay_ms}"


class ScheduledRun(models.Model):
    """A periodic job's slot, enqueued once whatever the number of workers (the unique pair)."""

    job = models.CharField(max_length=64)
    slot = models.CharField(max_length=32)
    enqueued_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.slot}"
