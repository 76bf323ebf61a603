"""DRF permission classes by role."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from motcua.accounts.models import STAFF_ROLES


class IsStaffMember(BasePermission):
    message = _("Chỉ cán bộ mới được thực hiện thao tác này.")

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        user = request.user
        return bool(user and user.is_authenticated and user.role in STAFF_ROLES)
