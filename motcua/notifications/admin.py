from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from motcua.notifications.models import Delivery, MessageTemplate, Notification, Preference
from motcua.notifications.services import delivery_retry_now


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "user__username"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "is_active"]
    list_filter = ["is_active"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "in_app", "email", "sms"]
    search_fields = ["user__username"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "kind", "state", "attempts", "last_error", "sent_at"]
    list_filter = ["state", "channel", "kind"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    @admin.action(description=_("Gửi lại ngay"))
    def retry_now(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        for delivery in queryset:
            delivery_retry_now(delivery_id=delivery.pk)
        messages.success(request, _("Đã đưa vào hàng đợi gửi lại."))
