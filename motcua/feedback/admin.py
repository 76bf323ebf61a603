"""Admin: the configuration (categories, time limits, default unit) is edited here; feedback,
its history and the ratings are read-only (they change only through the services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.core.admin import ReadOnlyAdmin
from motcua.feedback.models import (
    AnswerRating,
    DossierRating,
    Feedback,
    FeedbackCategory,
    FeedbackEvent,
    FeedbackSettings,
)


@admin.register(FeedbackCategory)
class FeedbackCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "code"]


@admin.register(FeedbackSettings)
class FeedbackSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "refuse_days",
        "info_days",
        "answer_days",
        "publish_days",
        "default_unit",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not FeedbackSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class FeedbackEventInline(admin.TabularInline):
    model = FeedbackEvent
    fields = ["at", "action", "actor_name", "from_status", "to_status", "due_at", "on_time", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["tracking_code", "title", "kind", "status", "unit", "filed_at", "due_at"]
    list_filter = ["status", "kind", "category", "was_late"]
    search_fields = ["tracking_code", "title"]
    date_hierarchy = "filed_at"
    inlines = [FeedbackEventInline]


@admin.register(AnswerRating)
class AnswerRatingAdmin(ReadOnlyAdmin):
    list_display = ["feedback", "satisfied", "rated_at"]
    list_filter = ["satisfied"]


@admin.register(DossierRating)
class DossierRatingAdmin(ReadOnlyAdmin):
    list_display = ["dossier", "level", "channel", "rated_at"]
    list_filter = ["level", "channel"]
    date_hierarchy = "rated_at"
