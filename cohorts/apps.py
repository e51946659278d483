from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")

    def ready(self):
        from . import receivers  # noqa: F401  (connects allauth's e-mail confirmation to pending invitations)
