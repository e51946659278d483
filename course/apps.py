from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourseConfig(AppConfig):
    name = "course"
    verbose_name = _("Courses")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .navigation import navigation_cache_clear

        # The header links to the catalogue: forget its cached URL whenever pages change.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(navigation_cache_clear, dispatch_uid=f"course-navigation-{signal}")
