"""Admin pieces the apps share."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records only services write (evidence, logs, money): viewed in the admin, never edited."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
