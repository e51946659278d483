from django.apps import AppConfig


class StudioConfig(AppConfig):
    """Writing practice: the post checker and, later, the studio exercises built on it."""

    name = "studio"
    verbose_name = "Post studio"
