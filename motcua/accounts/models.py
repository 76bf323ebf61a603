"""People: applicants (citizens and businesses) and the staff of units, each with one role."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.identifiers import validate_phone, validate_tax_code


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Người dân, doanh nghiệp")
    OFFICER = "officer", _("Cán bộ một cửa")
    SPECIALIST = "specialist", _("Chuyên viên")
    HEAD = "head", _("Lãnh đạo")
    SCHOOL = "school", _("Trường học")
    ADMIN = "admin", _("Quản trị hệ thống")


STAFF_ROLES = frozenset({Role.OFFICER, Role.SPECIALIST, Role.HEAD, Role.SCHOOL, Role.ADMIN})


class ApplicantKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    BUSINESS = "business", _("Tổ chức, doanh nghiệp")


class User(AbstractUser):
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, default=Role.CITIZEN)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(
        _("số điện thoại"), max_length=16, blank=True, validators=[validate_phone]
    )
    citizen_id = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        blank=True,
        help_text=_("12 chữ số trên thẻ căn cước."),
    )
    applicant_kind = models.CharField(
        _("loại người nộp"),
        max_length=16,
        choices=ApplicantKind.choices,
        default=ApplicantKind.INDIVIDUAL,
    )
    organization_name = models.CharField(_("tên tổ chức"), max_length=255, blank=True)
    tax_code = models.CharField(
        _("mã số thuế"), max_length=14, blank=True, validators=[validate_tax_code]
    )
    position = models.CharField(_("chức danh"), max_length=100, blank=True)
    units = models.ManyToManyField(
        "organization.Unit", blank=True, related_name="members", verbose_name=_("đơn vị")
    )

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"], condition=~Q(citizen_id=""), name="user_citizen_id_unique"
            ),
            models.UniqueConstraint(
                fields=["tax_code"], condition=~Q(tax_code=""), name="user_tax_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.organization_name or self.full_name or self.get_full_name() or self.username

    @property
    def is_staff_member(self) -> bool:
        return self.role in STAFF_ROLES
