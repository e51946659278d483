"""Writes of a learner's progress: visits, lessons done, and the completions and certificates they bring.

Completion writes take a row lock on the learner first, so two tabs finishing the last two lessons of a module
at the same moment are serialised: the second one sees the first one's lesson and records the module.
Every record is also protected by a unique constraint, and a completion date is only ever set once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from course.models import CoursePage, LearningPath
from quizzes.selectors import quiz_outcomes_get

from . import rules
from .models import CourseActivity, CourseCompletion, LessonProgress, ModuleCompletion, PathCompletion, PathEnrollment
from .selectors import CourseProgress, course_of_page, course_progress_get, withdrawal_impact_get

if TYPE_CHECKING:
    from accounts.models import User


def _learner_lock(user: User) -> None:
    """Serialise this learner's completion writes until the transaction ends (no-op on SQLite, already serial)."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))


def lesson_visit_record(*, user: User, lesson: Page, now: datetime | None = None) -> LessonProgress:
    """Record that the learner opened the lesson, and the course's last activity: once, later visits change nothing."""
    progress = LessonProgress.objects.filter(user=user, lesson_id=lesson.pk).first()
    if progress is not None:
        return progress
    now = now or timezone.now()
    with transaction.atomic():
        progress, created = LessonProgress.objects.get_or_create(
            user=user, lesson_id=lesson.pk, defaults={"started_at": now, "lesson_title": lesson.title}
        )
        course = course_of_page(lesson) if created else None
        if course is not None:
            course_activity_record(user=user, course=course, at=progress.started_at)
    return progress


def course_activity_record(*, user: User, course: CoursePage, at: datetime) -> None:
    """Move the learner's last activity in the course forward to ``at`` (never back).

    Two statements whatever the race: the row is inserted if missing (a concurrent insert is ignored), then
    moved forward only if it is older, so two requests at once keep the later moment.
    """
    CourseActivity.objects.bulk_create(
        [CourseActivity(user=user, course=course, last_activity_at=at)], ignore_conflicts=True
    )
    CourseActivity.objects.filter(user=user, course=course, last_activity_at__lt=at).update(last_activity_at=at)


def quiz_activity_record(*, user: User, quiz: Page, now: datetime | None = None) -> None:
    """Record a quiz attempt started as the learner's last activity in the quiz's course."""
    course = course_of_page(quiz)
    if course is not None:
        course_activity_record(user=user, course=course, at=now or timezone.now())


def course_activities_rebuild(*, apps: Apps = global_apps) -> int:
    """Compute every learner's last activity per course from the lesson and attempt records; returns the rows.

    What the services keep up to date, rebuilt from scratch: used by migration ``progress 0004`` (with its
    historical models) and by the benchmarks, which write records in bulk without the services.
    """
    page_model = apps.get_model("wagtailcore", "Page")
    course_model = apps.get_model("course", "CoursePage")
    progress_model = apps.get_model("progress", "LessonProgress")
    attempt_model = apps.get_model("quizzes", "Attempt")
    activity_model = apps.get_model("progress", "CourseActivity")
    written = 0
    for course_id, path in course_model.objects.values_list("pk", "path"):
        step_ids = list(
            page_model.objects.filter(path__startswith=path).exclude(pk=course_id).values_list("pk", flat=True)
        )
        latest: dict[int, datetime] = {}
        moments = [
            *progress_model.objects.filter(lesson_id__in=step_ids)
            .values("user_id")
            .annotate(first=Max("started_at"), second=Max("completed_at"))
            .values_list("user_id", "first", "second"),
            *attempt_model.objects.filter(quiz_id__in=step_ids)
            .values("user_id")
            .annotate(first=Max("started_at"), second=Max("submitted_at"))
            .values_list("user_id", "first", "second"),
        ]
        for user_id, *seen in moments:
            for moment in seen:
                if moment is not None and (user_id not in latest or moment > latest[user_id]):
                    latest[user_id] = moment
        activity_model.objects.filter(course_id=course_id).delete()
        activity_model.objects.bulk_create(
            [
                activity_model(user_id=user_id, course_id=course_id, last_activity_at=at)
                for user_id, at in latest.items()
            ],
            batch_size=5000,
        )
        written += len(latest)
    return written


@transaction.atomic
def lesson_complete(*, user: User, lesson: Page, now: datetime | None = None) -> LessonProgress:
    """Mark the lesson as done (idempotent: the first date stays), then record the completions it brings."""
    now = now or timezone.now()
    _learner_lock(user)
    progress, created = LessonProgress.objects.get_or_create(
        user=user, lesson_id=lesson.pk, defaults={"started_at": now, "completed_at": now, "lesson_title": lesson.title}
    )
    if not created and progress.completed_at is None:
        LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(completed_at=now)
        progress.refresh_from_db(fields=["completed_at"])
    course = course_of_page(lesson)
    if course is not None:
        course_activity_record(user=user, course=course, at=now)
        completions_refresh(user=user, course=course, now=now)
    return progress


class RevocationNotConfirmed(Exception):
    """A trainer's change would revoke issued certificates and was not confirmed (nothing was written)."""

    def __init__(self, certificates: list[Certificate]):
        super().__init__("Revoking certificates needs the trainer's confirmation.")
        self.certificates = certificates


def quiz_progress_refresh(*, user: User, quiz: Page, now: datetime | None = None) -> None:
    """After a quiz is graded: record the module, course and chosen paths it completes.

    Called by ``quizzes.services`` inside the transaction that graded the attempt, so a grade and the
    completions and certificates it brings are written together or not at all.
    """
    course = course_of_page(quiz)
    if course is not None:
        course_activity_record(user=user, course=course, at=now or timezone.now())  # the submission
        completions_refresh(user=user, course=course, now=now)


def scenario_progress_refresh(*, user: User, scenario: Page, now: datetime | None = None) -> None:
    """After a crisis run ends with a pass: record the module, course and paths it completes (as for a quiz)."""
    course = course_of_page(scenario)
    if course is not None:
        completions_refresh(user=user, course=course, now=now)


def review_progress_refresh(
    *, user: User, quiz: Page, reviewer: User | None, now: datetime | None = None, revocation_confirmed: bool = False
) -> list[Certificate]:
    """After a trainer's review: withdraw what a failed quiz no longer backs, then record what it completes.

    Only a trainer's review withdraws a completion (a learner's new attempt never does, nor a course edited
    after the fact). Returns the certificates revoked; raises ``RevocationNotConfirmed`` when the review
    would revoke a certificate and the trainer has not confirmed it (the caller's transaction rolls back).
    """
    now = now or timezone.now()
    course = course_of_page(quiz)
    if course is None:
        return []
    _learner_lock(user)
    revoked = completions_withdraw(
        user=user, course=course, quiz=quiz, now=now, by=reviewer, revocation_confirmed=revocation_confirmed
    )
    completions_refresh(user=user, course=course, now=now)
    return revoked


@transaction.atomic
def completions_refresh(*, user: User, course: CoursePage, now: datetime | None = None) -> None:
    """Record each module, the course and the chosen learning paths the learner has newly completed (idempotent).

    Completions follow final grades only (``quizzes.rules``): an attempt waiting for review completes nothing.
    A completion, once recorded, is kept with its date even if the course changes; only a trainer's review
    that fails the quiz it rested on withdraws it (``completions_withdraw``).
    """
    now = now or timezone.now()
    _learner_lock(user)
    progress = course_progress_get(user=user, course=course)
    if progress is None:  # only for anonymous visitors, who have no progress to record
        raise ValueError("Completions are recorded for signed-in learners only.")
    new_module_ids = []
    for module in progress.modules:
        if module.is_complete and module.completed_at is None:
            _, created = ModuleCompletion.objects.get_or_create(
                user=user,
                module_id=module.module.pk,
                defaults={"module_title": module.module.title, "completed_at": now},
            )
            if created:
                new_module_ids.append(module.module.pk)
    if progress.is_complete and progress.completed_at is None:
        course_completion_record(user=user, course=course, now=now, progress=progress)
    if new_module_ids:
        paths_refresh(user=user, module_ids=new_module_ids, now=now)


def completions_withdraw(
    *,
    user: User,
    course: CoursePage,
    quiz: Page,
    now: datetime,
    by: User | None = None,
    revocation_confirmed: bool = False,
) -> list[Certificate]:
    """Withdraw the completions that rested on ``quiz`` now that it is no longer passed; revoke their certificates.

    A module completion goes with its quiz, the course completion with it, and the completions of the
    learning paths containing the module. Certificates issued on them are revoked with the reason shown to
    the learner, but only when the trainer confirmed it (``RevocationNotConfirmed`` otherwise).
    """
    outcome = quiz_outcomes_get(user=user, quiz_ids=[quiz.pk])[quiz.pk]
    impact = withdrawal_impact_get(user=user, course=course, quiz=quiz, quiz_passed=outcome.passed)
    if impact.is_empty:
        return []
    if impact.certificates and not revocation_confirmed:
        raise RevocationNotConfirmed(impact.certificates)
    ModuleCompletion.objects.filter(pk__in=[c.pk for c in impact.module_completions]).delete()
    if impact.course_completion is not None:
        impact.course_completion.delete()
    PathCompletion.objects.filter(pk__in=[c.pk for c in impact.path_completions]).delete()
    with translation.override(settings.LANGUAGE_CODE):  # the reason is stored and shown as written
        reason = _(
            "A trainer's review changed the result of the quiz “%(quiz)s”: it is no longer passed, "
            "so this certificate no longer applies."
        ) % {"quiz": quiz.title}
    return [certificate_revoke(certificate=c, by=by, reason=reason, now=now) for c in impact.certificates]


@transaction.atomic
def course_completion_record(
    *, user: User, course: CoursePage, now: datetime | None = None, progress: CourseProgress | None = None
) -> CourseCompletion:
    """THE place a course completion is recorded; it issues the course certificate (both idempotent).

    The caller has checked the completion rules (completions_refresh does).
    """
    completion, _ = CourseCompletion.objects.get_or_create(
        user=user, course=course, defaults={"course_title": course.title, "completed_at": now or timezone.now()}
    )
    progress = progress or course_progress_get(user=user, course=course)
    if progress is None:  # only for anonymous visitors, who have no progress to record
        raise ValueError("Completions are recorded for signed-in learners only.")
    certificate_issue(
        user=user,
        course=course,
        completed_at=completion.completed_at,
        score_summary=score_summary_build(progress=progress),
    )
    return completion


def paths_refresh(
    *, user: User, module_ids: Iterable[int] | None = None, now: datetime | None = None
) -> list[PathCompletion]:
    """Record the learning paths the learner chose that are now complete (those containing ``module_ids``)."""
    paths = LearningPath.objects.filter(enrollments__user=user).prefetch_related("path_modules")
    if module_ids is not None:
        paths = paths.filter(path_modules__module_id__in=list(module_ids))
    paths = paths.distinct()
    completed = set(ModuleCompletion.objects.filter(user=user).values_list("module_id", flat=True))
    return [
        path_completion_record(user=user, path=path, now=now)
        for path in paths
        if rules.path_is_complete(
            module_ids=[item.module_id for item in path.path_modules.all()], completed_module_ids=completed
        )
    ]


@transaction.atomic
def path_completion_record(*, user: User, path: LearningPath, now: datetime | None = None) -> PathCompletion:
    """Record a completed learning path; issue its certificate when the path gives one (both idempotent)."""
    completion, _ = PathCompletion.objects.get_or_create(
        user=user, path=path, defaults={"path_title": path.title, "completed_at": now or timezone.now()}
    )
    if path.issues_certificate:
        certificate_issue(user=user, course=None, learning_path=path, completed_at=completion.completed_at)
    return completion


def score_summary_build(*, progress: CourseProgress) -> dict:
    """The quiz results printed with a course certificate (JSON-serialisable)."""
    quizzes = [(m.quiz, m.quiz_outcome) for m in progress.modules if m.quiz is not None]
    if progress.final_quiz is not None:
        quizzes.append((progress.final_quiz, progress.final_quiz_outcome))
    rows = [
        {
            "title": quiz.title,
            "best_percent": str(outcome.best_percent) if outcome and outcome.best_percent is not None else None,
            "passed": bool(outcome and outcome.passed),
        }
        for quiz, outcome in quizzes
    ]
    with translation.override(settings.LANGUAGE_CODE):  # printed on the credential: the site's language
        evidence = [
            {
                "name": row["title"],
                "narrative": _("Best score: %(percent)s %%")
                % {"percent": format(Decimal(row["best_percent"]).normalize(), "f")},
            }
            for row in rows
            if row["best_percent"] is not None
        ]
    return {
        "lessons_done": progress.lessons_done,
        "lessons_total": progress.lessons_total,
        "quizzes": rows,
        "evidence": evidence,  # read by certificates.credentials as Open Badges evidence
    }


@transaction.atomic
def path_choose(*, user: User, path: LearningPath, now: datetime | None = None) -> PathEnrollment:
    """The learner follows this path (idempotent); modules already complete count at once."""
    now = now or timezone.now()
    _learner_lock(user)
    enrollment, _ = PathEnrollment.objects.get_or_create(user=user, path=path, defaults={"chosen_at": now})
    paths_refresh(user=user, module_ids=None, now=now)
    return enrollment


def path_leave(*, user: User, path: LearningPath) -> bool:
    """The learner stops following this path; a completion or certificate already obtained stays."""
    deleted, _ = PathEnrollment.objects.filter(user=user, path=path).delete()
    return bool(deleted)
