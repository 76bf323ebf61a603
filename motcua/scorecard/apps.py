from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardConfig(AppConfig):
    name = "motcua.scorecard"
    label = "scorecard"
    verbose_name = _("Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766)")
