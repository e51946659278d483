"""A learner's progress: lessons started and done, modules, courses and paths completed.

Every record is unique per learner and item, so completion is stored once with its first date, whatever the
number of tabs or clicks. Completions keep a title snapshot: deleting a page never erases a learner's history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """A lesson the learner opened (started_at) and maybe marked as done (completed_at, set once)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress", verbose_name=_("learner")
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("lesson")
    )
    lesson_title = models.CharField(_("lesson title"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="progress_lesson_user_unique")]

    def __str__(self):
        return f"{self.user_id} – {self.lesson_id}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def lesson_display_title(self) -> str:
        """The lesson's title, or the one it had when first opened if the page was deleted since."""
        return self.lesson.title if self.lesson is not None else self.lesson_title


class CourseActivity(models.Model):
    """The learner's latest activity in a course: a lesson opened or done, a quiz attempt started or submitted.

    Written by the progress and quiz services in the transaction that records the activity (it only moves
    forward), so the trainers' progress report shows and sorts by it with one indexed join instead of reading
    every lesson and attempt. Derived data: migration ``0004_course_activity`` filled it from the records.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_activities", verbose_name=_("learner")
    )
    course = models.ForeignKey(
        "course.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    last_activity_at = models.DateTimeField(_("last activity"))

    class Meta:
        verbose_name = _("course activity")
        verbose_name_plural = _("course activities")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="progress_course_activity_unique")]
        indexes = [models.Index(fields=["course", "last_activity_at"], name="progress_activity_course_idx")]

    def __str__(self):
        return f"{self.user_id} – {self.course_id}: {self.last_activity_at:%Y-%m-%d %H:%M}"


class ModuleCompletion(models.Model):
    """A module the learner completed: all its lessons done and its quiz passed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_completions", verbose_name=_("learner")
    )
    module = models.ForeignKey(
        "course.ModulePage", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("module")
    )
    module_title = models.CharField(_("module title"), max_length=255)
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("module completion")
        verbose_name_plural = _("module completions")
        constraints = [models.UniqueConstraint(fields=["user", "module"], name="progress_module_user_unique")]

    def __str__(self):
        return self.module_title


class CourseCompletion(models.Model):
    """A course the learner completed: all its modules, and its final quiz if it has one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions", verbose_name=_("learner")
    )
    course = models.ForeignKey(
        "course.CoursePage", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("course")
    )
    course_title = models.CharField(_("course title"), max_length=255)
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="progress_course_user_unique")]

    def __str__(self):
        return self.course_title


class PathCompletion(models.Model):
    """A learning path the learner completed: all its modules."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="path_completions", verbose_name=_("learner")
    )
    path = models.ForeignKey(
        "course.LearningPath", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("learning path")
    )
    path_title = models.CharField(_("learning path title"), max_length=200)
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("learning path completion")
        verbose_name_plural = _("learning path completions")
        constraints = [models.UniqueConstraint(fields=["user", "path"], name="progress_path_user_unique")]

    def __str__(self):
        return self.path_title


class PathEnrollment(models.Model):
    """A learning path the learner chose to follow: only chosen paths are completed and certified."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="path_enrollments", verbose_name=_("learner")
    )
    path = models.ForeignKey(
        "course.LearningPath", on_delete=models.CASCADE, related_name="enrollments", verbose_name=_("learning path")
    )
    chosen_at = models.DateTimeField(_("chosen at"), default=timezone.now)

    class Meta:
        verbose_name = _("learning path followed")
        verbose_name_plural = _("learning paths followed")
        constraints = [models.UniqueConstraint(fields=["user", "path"], name="progress_path_enrollment_unique")]

    def __str__(self):
        return f"{self.user_id} – {self.path_id}"
