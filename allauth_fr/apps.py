from django.apps import AppConfig


class AllauthFrConfig(AppConfig):
    """Only a locale directory: allauth's French catalogue with French typography."""

    name = "allauth_fr"
    verbose_name = "allauth French typography"
