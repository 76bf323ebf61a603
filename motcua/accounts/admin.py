from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "role", "citizen_id", "phone", "is_active"]
    list_filter = ["role", "applicant_kind", "is_active", "units"]
    search_fields = ["username", "full_name", "citizen_id", "tax_code", "phone", "email"]
    filter_horizontal = ["units", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            _("Thông tin cá nhân"),
            {"fields": ["full_name", "citizen_id", "phone", "email", "position"]},
        ),
        (
            _("Tổ chức, doanh nghiệp"),
            {"fields": ["applicant_kind", "organization_name", "tax_code"]},
        ),
        (_("Vai trò và đơn vị"), {"fields": ["role", "units"]}),
        (
            _("Quyền"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Thời điểm"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "role", "password1", "password2"],
            },
        ),
    ]

    @admin.display(description=_("tên hiển thị"))
    def display_name(self, user: User) -> str:
        return user.display_name
