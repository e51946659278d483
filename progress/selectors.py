"""Reads of a learner's progress, with a fixed number of queries whatever the size of the courses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.functions import Coalesce
from wagtail.models import Page

from certificates.models import Certificate
from certificates.selectors import certificates_for_user
from core.page_cache import page_part_get
from course.models import CoursePage, LearningPath, LearningPathModule, ModulePage
from course.selectors import learning_path_for_role, learning_path_list
from crisis.models import CrisisScenarioPage
from crisis.selectors import scenarios_passed_ids
from lessons.models import LessonPage
from quizzes.models import QuizPage
from quizzes.rules import QuizOutcome
from quizzes.selectors import quiz_outcomes_get

from . import rules
from .models import CourseCompletion, LessonProgress, ModuleCompletion, PathCompletion, PathEnrollment

if TYPE_CHECKING:
    from accounts.models import User

RECENT_ACTIVITY_LIMIT = 8


@dataclass
class ModuleProgress:
    """One module of a course as the learner stands in it."""

    module: Page
    number: int
    lessons: list[Page]
    quiz: Page | None
    lesson_progress: dict[int, LessonProgress]
    quiz_outcome: QuizOutcome | None
    completed_at: datetime | None
    is_complete: bool = False
    blocker: Page | None = None
    scenarios: list[Page] = field(default_factory=list)
    passed_scenario_ids: set[int] = field(default_factory=set)

    def scenario_passed(self, scenario_id: int) -> bool:
        return scenario_id in self.passed_scenario_ids

    @property
    def next_scenario(self) -> Page | None:
        """The first crisis simulation of the module not yet passed."""
        return next((s for s in self.scenarios if s.pk not in self.passed_scenario_ids), None)

    @property
    def lessons_total(self) -> int:
        return len(self.lessons)

    @property
    def lessons_done(self) -> int:
        return sum(1 for lesson in self.lessons if self._done(lesson.pk))

    @property
    def is_locked(self) -> bool:
        return self.blocker is not None

    @property
    def quiz_passed(self) -> bool:
        return bool(self.quiz_outcome and self.quiz_outcome.passed)

    @property
    def is_started(self) -> bool:
        attempted = self.quiz_outcome is not None and self.quiz_outcome.attempt_count > 0
        return bool(self.completed_at or attempted or self.lesson_progress)

    @property
    def status(self) -> str:
        """complete, locked, in_progress or not_started (templates turn it into words and icons)."""
        if self.is_complete:
            return "complete"
        if self.is_locked:
            return "locked"
        return "in_progress" if self.is_started else "not_started"

    @property
    def next_lesson(self) -> Page | None:
        """The first lesson of the module not yet done."""
        return next((lesson for lesson in self.lessons if not self._done(lesson.pk)), None)

    def _done(self, lesson_id: int) -> bool:
        record = self.lesson_progress.get(lesson_id)
        return record is not None and record.completed_at is not None


@dataclass
class CourseProgress:
    """A course as the learner stands in it: per module, per lesson and the quizzes."""

    course: CoursePage
    modules: list[ModuleProgress]
    final_quiz: Page | None
    final_quiz_outcome: QuizOutcome | None
    final_quiz_blocker: Page | None
    completed_at: datetime | None
    is_complete: bool
    by_module_id: dict[int, ModuleProgress] = field(default_factory=dict)

    @property
    def lessons_total(self) -> int:
        return sum(m.lessons_total for m in self.modules)

    @property
    def lessons_done(self) -> int:
        return sum(m.lessons_done for m in self.modules)

    @property
    def quizzes_total(self) -> int:
        return sum(1 for m in self.modules if m.quiz) + (1 if self.final_quiz else 0)

    @property
    def quizzes_passed(self) -> int:
        final = 1 if self.final_quiz and self.final_quiz_outcome and self.final_quiz_outcome.passed else 0
        return sum(1 for m in self.modules if m.quiz and m.quiz_passed) + final

    @property
    def modules_complete(self) -> int:
        return sum(1 for m in self.modules if m.is_complete)

    @property
    def is_started(self) -> bool:
        final_attempted = self.final_quiz_outcome is not None and self.final_quiz_outcome.attempt_count > 0
        return bool(self.completed_at or final_attempted or any(m.is_started for m in self.modules))

    @cached_property
    def lesson_progress(self) -> dict[int, LessonProgress]:
        merged: dict[int, LessonProgress] = {}
        for module in self.modules:
            merged.update(module.lesson_progress)
        return merged

    @property
    def next_step(self) -> Page | None:
        """Where "Continue" leads: the next unfinished lesson in course order, else the next quiz to pass.

        With modules unlocked in order, an unpassed module quiz comes before the lessons of later modules.
        """
        for module in self.modules:
            if module.is_complete:
                continue
            if module.next_lesson is not None:
                return module.next_lesson
            if module.next_scenario is not None:
                return module.next_scenario
            if self.course.unlock_in_order and module.quiz is not None:
                return module.quiz
        for module in self.modules:
            if not module.is_complete and module.quiz is not None and not module.quiz_passed:
                return module.quiz
        if self.final_quiz is not None and not (self.final_quiz_outcome and self.final_quiz_outcome.passed):
            return self.final_quiz
        return None

    def blocker_for(self, page: Page) -> Page | None:
        """The module to finish before opening `page` (a lesson or quiz of this course), or None."""
        parent_path = page.path[: -Page.steplen]
        if parent_path == self.course.path:
            return self.final_quiz_blocker if page.pk == getattr(self.final_quiz, "pk", None) else None
        module = next((m for m in self.modules if m.module.path == parent_path), None)
        return module.blocker if module else None


@dataclass
class _ModuleTree:
    module: Page
    lessons: list[Page] = field(default_factory=list)
    quiz: Page | None = None
    scenarios: list[Page] = field(default_factory=list)


@dataclass
class _CourseTree:
    modules: list[_ModuleTree] = field(default_factory=list)
    final_quiz: Page | None = None


def _content_type_ids() -> tuple[int, int, int, int]:
    """Content type ids of modules, lessons, quizzes and crisis simulations (cached by Django after the first call)."""
    return (
        ContentType.objects.get_for_model(ModulePage).pk,
        ContentType.objects.get_for_model(LessonPage).pk,
        ContentType.objects.get_for_model(QuizPage).pk,
        ContentType.objects.get_for_model(CrisisScenarioPage).pk,
    )


def _course_trees(courses: Sequence[Page]) -> dict[int, _CourseTree]:
    """Live modules, lessons and quizzes of several courses in tree order: one query plus Wagtail's privacy one,
    none while the page tree has not changed (cached; the tree is the same for every learner)."""
    if not courses:
        return {}
    from course.selectors import structure_cached

    return structure_cached(
        "trees-v2-" + "-".join(str(course.pk) for course in courses), 0, lambda: _course_trees_read(courses)
    )


def _course_trees_read(courses: Sequence[Page]) -> dict[int, _CourseTree]:
    module_ct, lesson_ct, quiz_ct, scenario_ct = _content_type_ids()
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth__gt=course.depth, depth__lte=course.depth + 2)
    pages = Page.objects.filter(condition).live().public().order_by("path")
    trees = {course.path: _CourseTree() for course in courses}
    modules: dict[str, _ModuleTree] = {}
    for page in pages:  # in path order, so a module comes before its children
        parent_path = page.path[: -Page.steplen]
        tree = trees.get(parent_path)
        if tree is not None:
            if page.content_type_id == module_ct:
                modules[page.path] = _ModuleTree(module=page)
                tree.modules.append(modules[page.path])
            elif page.content_type_id == quiz_ct and tree.final_quiz is None:
                tree.final_quiz = page
        elif (module := modules.get(parent_path)) is not None:
            if page.content_type_id == lesson_ct:
                module.lessons.append(page)
            elif page.content_type_id == quiz_ct and module.quiz is None:
                module.quiz = page
            elif page.content_type_id == scenario_ct:
                module.scenarios.append(page)
    return {course.pk: trees[course.path] for course in courses}


def quiz_outcomes_for(*, user: User | AnonymousUser, quiz_ids: Sequence[int]) -> dict[int, QuizOutcome]:
    """quizzes.selectors.quiz_outcomes_get, skipped when there is no quiz to look up."""
    if not quiz_ids:
        return {}
    return quiz_outcomes_get(user=user, quiz_ids=list(quiz_ids))


def courses_progress_get(*, user: User | AnonymousUser, courses: Sequence[CoursePage]) -> dict[int, CourseProgress]:
    """Each course's progress for the learner, keyed by course id ({} for anonymous visitors).

    A fixed number of queries for any number of courses, modules, lessons and attempts.
    """
    if not user.is_authenticated or not courses:
        return {}
    trees = _course_trees(courses)
    module_trees = [m for tree in trees.values() for m in tree.modules]
    lesson_ids = [lesson.pk for m in module_trees for lesson in m.lessons]
    module_ids = [m.module.pk for m in module_trees]
    quiz_ids = [m.quiz.pk for m in module_trees if m.quiz] + [t.final_quiz.pk for t in trees.values() if t.final_quiz]
    records = {p.lesson_id: p for p in LessonProgress.objects.filter(user=user, lesson_id__in=lesson_ids)}
    module_dates = dict(
        ModuleCompletion.objects.filter(user=user, module_id__in=module_ids).values_list("module_id", "completed_at")
    )
    course_dates = dict(
        CourseCompletion.objects.filter(user=user, course_id__in=[c.pk for c in courses]).values_list(
            "course_id", "completed_at"
        )
    )
    outcomes = quiz_outcomes_for(user=user, quiz_ids=quiz_ids)
    passed_quiz_ids = {quiz_id for quiz_id, outcome in outcomes.items() if outcome.passed}
    scenario_ids = [scenario.pk for m in module_trees for scenario in m.scenarios]
    passed_scenario_ids = scenarios_passed_ids(user=user, scenario_ids=scenario_ids) if scenario_ids else set()
    done_lesson_ids = {
        lesson_id
        for lesson_id, record in records.items()
        if lesson_id is not None and record.completed_at is not None  # never None: filtered by lesson_id__in
    }

    result = {}
    for course in courses:
        tree = trees[course.pk]
        modules = []
        for number, entry in enumerate(tree.modules, start=1):
            module, lessons, quiz = entry.module, entry.lessons, entry.quiz
            is_complete = module.pk in module_dates or rules.module_is_complete(
                lesson_ids=[lesson.pk for lesson in lessons],
                quiz_id=quiz.pk if quiz else None,
                done_lesson_ids=done_lesson_ids,
                passed_quiz_ids=passed_quiz_ids,
                scenario_ids=[scenario.pk for scenario in entry.scenarios],
                passed_scenario_ids=passed_scenario_ids,
            )
            modules.append(
                ModuleProgress(
                    module=module,
                    number=number,
                    lessons=lessons,
                    quiz=quiz,
                    lesson_progress={lesson.pk: records[lesson.pk] for lesson in lessons if lesson.pk in records},
                    quiz_outcome=outcomes.get(quiz.pk) if quiz else None,
                    completed_at=module_dates.get(module.pk),
                    is_complete=is_complete,
                    scenarios=entry.scenarios,
                    passed_scenario_ids={s.pk for s in entry.scenarios if s.pk in passed_scenario_ids},
                )
            )
        in_order, complete_flags = course.unlock_in_order, [m.is_complete for m in modules]
        blockers = rules.module_blockers(unlock_in_order=in_order, modules_complete=complete_flags)
        for module, blocker in zip(modules, blockers, strict=True):
            module.blocker = modules[blocker].module if blocker is not None else None
        final_blocker = rules.final_quiz_blocker(unlock_in_order=in_order, modules_complete=complete_flags)
        final_quiz = tree.final_quiz
        result[course.pk] = CourseProgress(
            course=course,
            modules=modules,
            final_quiz=final_quiz,
            final_quiz_outcome=outcomes.get(final_quiz.pk) if final_quiz else None,
            final_quiz_blocker=modules[final_blocker].module if final_blocker is not None else None,
            completed_at=course_dates.get(course.pk),
            is_complete=course.pk in course_dates
            or rules.course_is_complete(
                modules_complete=complete_flags,
                final_quiz_id=final_quiz.pk if final_quiz else None,
                passed_quiz_ids=passed_quiz_ids,
            ),
            by_module_id={m.module.pk: m for m in modules},
        )
    return result


def course_progress_get(*, user: User | AnonymousUser, course: CoursePage) -> CourseProgress | None:
    """One course's progress for the learner (None for anonymous visitors)."""
    return courses_progress_get(user=user, courses=[course]).get(course.pk)


def course_of_page(page: Page) -> CoursePage | None:
    """The course a lesson or quiz belongs to (a module's quiz or lesson is two levels down, a final quiz one).

    A page part (core.page_cache): the same for everyone until pages change, asked on every lesson and quiz.
    """
    return page_part_get(f"progress:course-of:{page.path}", lambda: _course_of_path(page.path))


def _course_of_path(path: str) -> CoursePage | None:
    paths = [path[: -Page.steplen], path[: -2 * Page.steplen]]
    course: CoursePage | None = CoursePage.objects.filter(path__in=paths).first()
    return course


@dataclass(frozen=True)
class ResumePoint:
    course: CoursePage
    step: Page
    progress: CourseProgress


def resume_point_get(*, user: User | AnonymousUser) -> ResumePoint | None:
    """Where « Reprendre » leads: the next step of the course the learner worked on last, if it is unfinished."""
    if not user.is_authenticated:
        return None
    last = (
        LessonProgress.objects.filter(user=user, lesson__live=True)
        .annotate(touched_at=Coalesce("completed_at", "started_at"))
        .order_by("-touched_at")
        .select_related("lesson")
        .first()
    )
    course = course_of_page(last.lesson) if last else None
    progress = course_progress_get(user=user, course=course) if course else None
    if course is None or progress is None or progress.next_step is None:
        return None
    return ResumePoint(course=course, step=progress.next_step, progress=progress)


def page_lock_get(*, user: User | AnonymousUser, page: Page) -> Page | None:
    """THE unlock rule for a lesson or quiz: the module this user must finish first, or None when it is open.

    Anonymous readers (nothing is tracked) and trainers are never locked out, and only a course that unlocks
    its modules in order locks anything. Serving the page, marking a lesson done and starting a quiz ask here.
    """
    if not user.is_authenticated:
        return None
    course = course_of_page(page)
    if course is None or not course.unlock_in_order:
        return None
    progress = course_progress_get(user=user, course=course)
    blocker = progress.blocker_for(page) if progress is not None else None
    return None if blocker is None or user.is_trainer else blocker


@dataclass(frozen=True)
class CourseCertificateGap:
    """What a path leaves out of a course whose certificate it mentions: modules and the final quiz."""

    course: CoursePage
    missing_modules: list[Page]
    final_quiz: Page | None

    @property
    def is_empty(self) -> bool:
        return not self.missing_modules and self.final_quiz is None


@dataclass
class PathProgress:
    """A learning path as the learner stands in it: chosen or not, modules done, what its end brings."""

    path: LearningPath
    completed_module_ids: set[int]
    completed_at: datetime | None
    is_followed: bool = False
    is_recommended: bool = False
    course_gaps: list[CourseCertificateGap] = field(default_factory=list)

    @property
    def modules_total(self) -> int:
        return len(self.path.path_modules.all())

    @property
    def modules_done(self) -> int:
        return sum(1 for item in self.path.path_modules.all() if item.module_id in self.completed_module_ids)

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    def module_is_complete(self, module_id: int) -> bool:
        return module_id in self.completed_module_ids


def course_certificate_gaps(*, path: LearningPath, courses: Sequence[CourseProgress]) -> list[CourseCertificateGap]:
    """For each course the path draws modules from: the modules and final quiz the path does not include.

    A path can then say exactly what else its course certificates need (computed, so it stays true when
    trainers edit the path or the course). No query: reads the prefetched path and the progress already built.
    """
    path_module_ids = {item.module_id for item in path.path_modules.all()}
    gaps = []
    for cp in courses:
        course_module_ids = {m.module.pk for m in cp.modules}
        if not course_module_ids & path_module_ids:
            continue
        gaps.append(
            CourseCertificateGap(
                course=cp.course,
                missing_modules=[m.module for m in cp.modules if m.module.pk not in path_module_ids],
                final_quiz=cp.final_quiz,
            )
        )
    return gaps


def paths_progress_get(
    *, user: User, course_progress: Sequence[CourseProgress], completed_module_ids: set[int]
) -> list[PathProgress]:
    """Every learning path with the learner's standing: followed paths first, then the one for their role."""
    paths = learning_path_list()
    recommended = learning_path_for_role(role=user.role, paths=paths)
    followed = set(PathEnrollment.objects.filter(user=user).values_list("path_id", flat=True))
    done = dict(PathCompletion.objects.filter(user=user).values_list("path_id", "completed_at"))
    result = [
        PathProgress(
            path=path,
            completed_module_ids=completed_module_ids,
            completed_at=done.get(path.pk) if path.pk in followed else None,
            is_followed=path.pk in followed,
            is_recommended=recommended is not None and path.pk == recommended.pk,
            course_gaps=course_certificate_gaps(path=path, courses=course_progress),
        )
        for path in paths
    ]
    result.sort(key=lambda item: (not item.is_followed, not item.is_recommended, item.path.title))
    return result


@dataclass(frozen=True)
class PendingReview:
    """A quiz whose last attempt waits for a trainer's review, as the learner's dashboard lists it."""

    quiz: Page
    outcome: QuizOutcome


@dataclass(frozen=True)
class Activity:
    """One line of the learner's recent activity."""

    when: datetime
    kind: str  # lesson_started, lesson_completed, quiz_submitted
    title: str
    page: Page | None  # None once the page is deleted: the title snapshot is shown without a link


def recent_activity_get(*, user: User, quiz_pages: dict[int, Page], outcomes: dict) -> list[Activity]:
    """The latest lessons opened or done and quizzes submitted (one query, plus outcomes already read)."""
    records = (
        LessonProgress.objects.filter(Q(lesson__live=True) | Q(lesson__isnull=True), user=user)
        .annotate(last_activity=Coalesce("completed_at", "started_at"))
        .select_related("lesson")
        .order_by("-last_activity", "-pk")[:RECENT_ACTIVITY_LIMIT]
    )
    activities = [
        Activity(
            when=record.last_activity,
            kind="lesson_completed" if record.completed_at else "lesson_started",
            title=record.lesson_display_title,
            page=record.lesson,
        )
        for record in records
    ]
    activities += [
        Activity(
            when=outcome.last_submitted_at,
            kind="quiz_submitted",
            title=quiz_pages[quiz_id].title,
            page=quiz_pages[quiz_id],
        )
        for quiz_id, outcome in outcomes.items()
        if outcome.last_submitted_at and quiz_id in quiz_pages
    ]
    activities.sort(key=lambda activity: activity.when, reverse=True)
    return activities[:RECENT_ACTIVITY_LIMIT]


@dataclass(frozen=True)
class CompletedModule:
    """A module the learner completed, with the best score of its quiz (if it has one)."""

    title: str
    module: Page | None
    course_title: str
    completed_at: datetime
    quiz_outcome: QuizOutcome | None


def dashboard_get(*, user: User) -> dict:
    """Everything the learner's dashboard shows, in a fixed number of queries."""
    courses = list(CoursePage.objects.live().public().order_by("path"))
    progress = courses_progress_get(user=user, courses=courses)
    course_progress = [progress[course.pk] for course in courses]

    module_index = {m.module.pk: (m, cp) for cp in course_progress for m in cp.modules}
    completions = list(ModuleCompletion.objects.filter(user=user).order_by("-completed_at", "-pk"))
    completed_modules = []
    for completion in completions:
        module_progress, cp = module_index.get(completion.module_id, (None, None))
        completed_modules.append(
            CompletedModule(
                title=module_progress.module.title if module_progress else completion.module_title,
                module=module_progress.module if module_progress else None,
                course_title=cp.course.title if cp else "",
                completed_at=completion.completed_at,
                quiz_outcome=module_progress.quiz_outcome if module_progress else None,
            )
        )

    paths = paths_progress_get(
        user=user,
        course_progress=course_progress,
        completed_module_ids={c.module_id for c in completions if c.module_id is not None},
    )

    quiz_pages = {}
    outcomes = {}
    for cp in course_progress:
        for m in cp.modules:
            if m.quiz is not None:
                quiz_pages[m.quiz.pk] = m.quiz
                if m.quiz_outcome is not None:
                    outcomes[m.quiz.pk] = m.quiz_outcome
        if cp.final_quiz is not None:
            quiz_pages[cp.final_quiz.pk] = cp.final_quiz
            if cp.final_quiz_outcome is not None:
                outcomes[cp.final_quiz.pk] = cp.final_quiz_outcome

    return {
        "paths": paths,
        "pending_reviews": [
            PendingReview(quiz=quiz_pages[quiz_id], outcome=outcome)
            for quiz_id, outcome in outcomes.items()
            if outcome.pending_review
        ],
        "courses_in_progress": [cp for cp in course_progress if cp.is_started and not cp.is_complete],
        "courses_completed": [cp for cp in course_progress if cp.is_complete],
        "courses_not_started": [cp for cp in course_progress if not cp.is_started and not cp.is_complete],
        "completed_modules": completed_modules,
        "recent_activity": recent_activity_get(user=user, quiz_pages=quiz_pages, outcomes=outcomes),
        "certificates": certificates_for_user(user=user),
    }


@dataclass(frozen=True)
class LessonStatus:
    """A lesson page's view of the learner: this lesson's record and the module's lessons done."""

    record: LessonProgress | None
    module_lessons_done: int
    module_lessons_total: int

    @property
    def state(self) -> str:
        """done, started or not_started."""
        if self.record is None:
            return "not_started"
        return "done" if self.record.completed_at else "started"


def lesson_status_get(*, user: User, lesson: Page, module_lessons: Sequence[Page]) -> LessonStatus:
    """The learner's status on a lesson and in its module (one query for all the module's lessons)."""
    lesson_ids = {page.pk for page in module_lessons} | {lesson.pk}
    records = {r.lesson_id: r for r in LessonProgress.objects.filter(user=user, lesson_id__in=lesson_ids)}
    return LessonStatus(
        record=records.get(lesson.pk),
        module_lessons_done=sum(1 for record in records.values() if record.completed_at is not None),
        module_lessons_total=len(lesson_ids),
    )


@dataclass(frozen=True)
class UnbackedCompletion:
    """A recorded completion whose quiz is not passed under the current rule (e.g. recorded while a review was
    pending, before that rule existed)."""

    user_id: int
    course: CoursePage
    quiz: Page


def completions_unbacked_list() -> list[UnbackedCompletion]:
    """Module and course completions whose quiz is not passed (final grades only): what an audit would withdraw.

    A one-off audit, not a page: a few queries per learner who has completions.
    """
    found = []
    courses = list(CoursePage.objects.all())
    trees = _course_trees(courses)
    by_course = {course.pk: course for course in courses}
    module_quiz = {m.module.pk: (course_id, m.quiz) for course_id, t in trees.items() for m in t.modules if m.quiz}
    final_quiz = {course_id: tree.final_quiz for course_id, tree in trees.items() if tree.final_quiz}
    records = [
        (user_id, *module_quiz[module_id])
        for user_id, module_id in ModuleCompletion.objects.values_list("user_id", "module_id")
        if module_id in module_quiz
    ] + [
        (user_id, course_id, final_quiz[course_id])
        for user_id, course_id in CourseCompletion.objects.values_list("user_id", "course_id")
        if course_id in final_quiz
    ]
    for user_id, course_id, quiz in records:
        outcome = quiz_outcomes_get(user=get_user_model()(pk=user_id), quiz_ids=[quiz.pk])[quiz.pk]
        if not outcome.passed:
            found.append(UnbackedCompletion(user_id=user_id, course=by_course[course_id], quiz=quiz))
    return found


@dataclass(frozen=True)
class WithdrawalImpact:
    """The records a change of result would withdraw, and the certificates it would revoke."""

    module_completions: list[ModuleCompletion] = field(default_factory=list)
    course_completion: CourseCompletion | None = None
    path_completions: list[PathCompletion] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.module_completions or self.course_completion or self.path_completions or self.certificates)


def withdrawal_impact_get(*, user: User, course: CoursePage, quiz: Page, quiz_passed: bool) -> WithdrawalImpact:
    """What would be withdrawn if ``quiz`` stood (not) passed: completions resting on it and their certificates.

    Pure read; ``completions_withdraw`` writes the same thing. ``quiz_passed`` is the quiz's standing after
    the change (a review that keeps the quiz passed withdraws nothing).
    """
    if quiz_passed:
        return WithdrawalImpact()
    module_id = quiz.get_parent().pk if quiz.depth == course.depth + 2 else None
    modules = list(ModuleCompletion.objects.filter(user=user, module_id=module_id)) if module_id else []
    course_completion = CourseCompletion.objects.filter(user=user, course=course).first()
    if module_id is None and course_completion is None:
        return WithdrawalImpact()
    if module_id is not None and not modules:
        return WithdrawalImpact()  # the module was not recorded complete: the course cannot be either
    path_ids = (
        list(LearningPathModule.objects.filter(module_id=module_id).values_list("path_id", flat=True))
        if module_id
        else []
    )
    paths = list(PathCompletion.objects.filter(user=user, path_id__in=path_ids))
    certificates = list(
        Certificate.objects.filter(user=user, revoked_at__isnull=True).filter(
            Q(course=course, learning_path__isnull=True) | Q(learning_path_id__in=path_ids)
        )
    )
    return WithdrawalImpact(
        module_completions=modules,
        course_completion=course_completion,
        path_completions=paths,
        certificates=certificates,
    )
