from django.contrib import admin

from motcua.sync.models import OutboxEvent, PortalReceipt, StandInMode


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "state", "attempts", "next_attempt_at", "delivered_at"]
    list_filter = ["state", "kind"]
    search_fields = ["key"]
    readonly_fields = [f.name for f in OutboxEvent._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(PortalReceipt)
class PortalReceiptAdmin(admin.ModelAdmin):
    list_display = ["key", "endpoint", "code", "received_at"]
    search_fields = ["code", "key"]


@admin.register(StandInMode)
class StandInModeAdmin(admin.ModelAdmin):
    list_display = ["pk", "fail_next", "fail_all", "delay_ms"]
