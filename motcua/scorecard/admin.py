"""Admin: the criteria of the index (maxima, thresholds, whether each applies, the reason
shown when not). The numbers are never stored: they are computed live."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.scorecard.models import Criterion


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "group",
        "max_points",
        "threshold",
        "is_assumption",
        "applicable",
    ]
    list_editable = ["max_points", "threshold", "applicable"]
    list_filter = ["group", "applicable", "is_assumption"]
    search_fields = ["code", "name"]
    ordering = ["group", "order", "code"]
    fieldsets = [
        (None, {"fields": ["code", "group", "group_name", "name", "description", "order"]}),
        (
            _("Điểm"),
            {"fields": ["max_points", "threshold", "is_assumption", "applicable", "reason"]},
        ),
    ]

    def has_delete_permission(self, request: HttpRequest, obj: Criterion | None = None) -> bool:
        # Not applicable is the way to drop a criterion: its row keeps the reason shown.
        return False
