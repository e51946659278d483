from django.apps import AppConfig


class GuideConfig(AppConfig):
    """The guide course's source files and their loader (``manage.py load_guide_course``)."""

    name = "guide"
    verbose_name = "Guide course loader"
