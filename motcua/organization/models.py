"""Units of the administration as a tree: province → commune/district → office → schools.

The level of a unit is a row of `UnitLevel`, not code, so one install serves a district
department, a commune office or a province centre alike.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

unit_code_validator = RegexValidator(
    r"^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){3}$",
    _("Mã định danh điện tử phải có dạng 000.00.21.H29."),
)


class UnitLevel(models.Model):
    code = models.SlugField(_("mã cấp"), max_length=32, unique=True)
    name = models.CharField(_("tên cấp"), max_length=100)
    rank = models.PositiveSmallIntegerField(
        _("thứ bậc"), help_text=_("1 là cấp cao nhất (tỉnh); số càng lớn càng thấp.")
    )
    is_school = models.BooleanField(_("là cơ sở giáo dục"), default=False)

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("cấp đơn vị")
        verbose_name_plural = _("cấp đơn vị")

    def __str__(self) -> str:
        return self.name


class Unit(MP_Node):
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    level = models.ForeignKey(
        UnitLevel, on_delete=models.PROTECT, related_name="units", verbose_name=_("cấp")
    )
    code = models.CharField(
        _("mã định danh điện tử"),
        max_length=32,
        blank=True,
        validators=[unit_code_validator],
        help_text=_(
            "Mã định danh theo QCVN 102:2016/BTTTT, dùng trong mã hồ sơ, ví dụ 000.00.21.H29."
        ),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="unit_code_unique_when_set"
            )
        ]

    def __str__(self) -> str:
        return self.name
