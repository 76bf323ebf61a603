from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "motcua.supervision"
    label = "supervision"
    verbose_name = _("Giám sát, điều hành")
