"""The agency's calendar configuration: weekly office hours and dated overrides.

Public holidays come from the `holidays` package (`clock.vietnam_year_days`); these rows
only say what differs locally: office hours, and days a province or agency adds or removes.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ nhật")


class OfficeHours(models.Model):
    """One office period of a weekday, e.g. Monday 07:30-11:30; a weekday may have several."""

    weekday = models.PositiveSmallIntegerField(_("thứ"), choices=Weekday.choices)
    start = models.TimeField(_("giờ bắt đầu"))
    end = models.TimeField(_("giờ kết thúc"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="office_hours_start_before_end"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="office_hours_weekday_0_6"
            ),
            models.UniqueConstraint(
                fields=["weekday", "start"], name="office_hours_weekday_start_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start is None or self.end is None:
            return
        if self.start >= self.end:
            raise ValidationError({"end": _("Giờ kết thúc phải sau giờ bắt đầu.")})
        overlapping = OfficeHours.objects.filter(
            weekday=self.weekday, start__lt=self.end, end__gt=self.start
        ).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(
                {"start": _("Khoảng giờ này trùng với một khoảng giờ làm việc khác cùng thứ.")}
            )


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc")


class CalendarOverride(models.Model):
    """A local exception to the national calendar, e.g. a province's extra day off."""

    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=OverrideKind.choices)
    reason = models.CharField(
        _("lý do"), max_length=255, help_text=_("Ví dụ: số và ngày của văn bản cho nghỉ, làm bù.")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("ngày nghỉ, làm việc điều chỉnh")
        verbose_name_plural = _("ngày nghỉ, làm việc điều chỉnh")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["day_off", "working_day"]),
                name="calendar_override_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.get_kind_display()}"
