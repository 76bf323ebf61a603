"""What the control room keeps of its own: how long each step of an internal process usually
takes. Derived from the dossiers' history by `services.step_durations_refresh` (daily job and
`manage.py refresh_step_durations`); every row can be rebuilt from the history at any time."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StepDuration(models.Model):
    """The median office time a step of a procedure's internal process took recently.

    Keyed by the procedure's code and the step's order, so the versions of a procedure share
    their history (a new version usually keeps its internal process)."""

    procedure_code = models.CharField(_("mã thủ tục"), max_length=64)
    step_order = models.PositiveSmallIntegerField(_("thứ tự bước"))
    median_seconds = models.PositiveIntegerField(_("trung vị thời gian (giây làm việc)"))
    samples = models.PositiveIntegerField(_("số lượt xử lý đã tính"))
    computed_at = models.DateTimeField(_("tính lúc"))

    class Meta:
        ordering = ["procedure_code", "step_order"]
        verbose_name = _("thời gian xử lý thường gặp của bước")
        verbose_name_plural = _("thời gian xử lý thường gặp của các bước")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure_code", "step_order"], name="supervision_step_duration_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure_code} #{self.step_order}: {self.median_seconds} s"
