from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons")

    def ready(self):
        from wagtail.signals import page_published

        from .renditions import renditions_on_publish

        # Image renditions are made when a page is published, so no learner's request waits for one.
        page_published.connect(renditions_on_publish, dispatch_uid="lessons-renditions-on-publish")
