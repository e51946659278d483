from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CourseConfig(AppConfig):
    name = "course"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.page_cache import pages_generation_bump

        from .durations import durations_refresh_on_delete, durations_refresh_on_move, durations_refresh_on_page_change
        from .models import LearningPath, LearningPathModule

        # The catalogue shows the learning paths: cached pages are forgotten when one changes (core.page_cache).
        for model in (LearningPath, LearningPathModule):
            for signal in (post_save, post_delete):
                signal.connect(
                    pages_generation_bump, sender=model, dispatch_uid=f"course-page-cache-{model.__name__}-{signal}"
                )

        # A module's duration is the sum of what it holds: recompute it when its lessons or quiz change.
        for signal in (page_published, page_unpublished):
            signal.connect(durations_refresh_on_page_change, dispatch_uid=f"course-durations-{signal}")
        post_page_move.connect(durations_refresh_on_move, dispatch_uid="course-durations-move")
        # Deletions only for the pages a module holds: a post_delete receiver without a sender would turn off
        # Django's fast deletes for every model of the project.
        for label in ("lessons.LessonPage", "quizzes.QuizPage"):
            if apps.is_installed(label.split(".")[0]):
                post_delete.connect(
                    durations_refresh_on_delete, sender=label, dispatch_uid=f"course-durations-delete-{label}"
                )
