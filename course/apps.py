from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourseConfig(AppConfig):
    name = "course"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .durations import durations_refresh_on_move, durations_refresh_on_page_change
        from .navigation import navigation_cache_clear

        # The header links to the catalogue: forget its cached URL whenever pages change.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(navigation_cache_clear, dispatch_uid=f"course-navigation-{signal}")

        # A module's duration is the sum of what it holds: recompute it when its lessons or quiz change.
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(durations_refresh_on_page_change, dispatch_uid=f"course-durations-{signal}")
        post_page_move.connect(durations_refresh_on_move, dispatch_uid="course-durations-move")
