"""Reads of the course tree for pages and navigation, with a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, TypeVar

from django.apps import apps
from django.db.models import Prefetch
from wagtail.models import Page

from core.page_cache import page_part_get

from .models import CoursePage, LearningPath, LearningPathModule, ModulePage

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

T = TypeVar("T")


def structure_cached(name: str, page_id: int, compute: Callable[[], T]) -> T:
    """``compute()``, cached until the page tree changes (core.page_cache's generation bumps on every publish,
    unpublish, move, delete or view restriction). Only for reads that are the same for every visitor."""
    return page_part_get(f"course:{name}:{page_id}", compute)


@dataclass
class ModuleOutline:
    """A module with its live lessons, its quiz (if any) and its crisis simulations, in tree order."""

    module: Page
    number: int
    lessons: list[Page] = field(default_factory=list)
    quiz: Page | None = None
    scenarios: list[Page] = field(default_factory=list)


# Template contexts: pages add them to their own with ``context.update``.


class CatalogueContext(TypedDict):
    """The catalogue page: live courses, every learning path, and the one recommended to the user."""

    courses: list[CoursePage]
    learning_paths: list[LearningPath]
    recommended_path: LearningPath | None


class CourseOutline(TypedDict):
    """A course page: its modules in order, its final quiz and totals."""

    breadcrumbs: list[Page]
    modules: list[ModuleOutline]
    final_quiz: Page | None
    lesson_count: int
    total_minutes: int


class ModuleOutlineContext(TypedDict):
    """A module page: its lessons and quiz, its course and its neighbouring modules."""

    breadcrumbs: list[Page]
    course: CoursePage
    module_number: int
    lessons: list[Page]
    quiz: Page | None
    scenarios: list[Page]
    previous_module: ModulePage | None
    next_module: ModulePage | None


class LessonNavigation(TypedDict):
    """A lesson page: breadcrumbs, the module's table of contents and the previous/next items."""

    breadcrumbs: list[Page]
    module: Page
    course: Page
    module_items: list[Page]
    previous_item: Page | None
    next_item: Page | None


def _is_page_of(page: Page, label: str) -> bool:
    return page.specific_class is not None and page.specific_class._meta.label == label


def _is_quiz(page: Page) -> bool:
    return _is_page_of(page, "quizzes.QuizPage")


def _is_lesson(page: Page) -> bool:
    return _is_page_of(page, "lessons.LessonPage")


def learning_path_list() -> list[LearningPath]:
    """Every learning path with its modules in order (two queries)."""
    return list(
        LearningPath.objects.prefetch_related(
            Prefetch(
                "path_modules",
                queryset=LearningPathModule.objects.select_related("module").order_by("sort_order"),
            )
        )
    )


def learning_path_for_role(*, role: str, paths: list[LearningPath] | None = None) -> LearningPath | None:
    """The path recommended for a role, if one exists."""
    paths = learning_path_list() if paths is None else paths
    return next((path for path in paths if path.role == role), None)


def catalogue_get(*, catalogue: Page, user: User | AnonymousUser) -> CatalogueContext:
    """Courses and learning paths shown on the catalogue, with the one recommended to the user."""
    courses = list(CoursePage.objects.child_of(catalogue).live().public().order_by("path"))
    paths = learning_path_list()
    recommended = learning_path_for_role(role=user.role, paths=paths) if user.is_authenticated else None
    return {"courses": courses, "learning_paths": paths, "recommended_path": recommended}


def course_outline_get(*, course: Page) -> CourseOutline:
    """The course's modules, each with its lessons, quiz and crisis simulations, plus the course's final quiz.

    Four queries (pages, privacy, modules, ancestors) whatever the number of modules or lessons, and none while
    the page tree has not changed since (cached). Lessons and quizzes are plain pages: titles and URLs.
    """
    return structure_cached("outline", course.pk, lambda: _course_outline(course))


def _course_outline(course: Page) -> CourseOutline:
    descendants = list(Page.objects.descendant_of(course).live().public().filter(depth__lte=course.depth + 2))
    module_ids = [page.pk for page in descendants if page.depth == course.depth + 1]
    modules_by_id = ModulePage.objects.in_bulk(module_ids)
    outlines: dict[str, ModuleOutline] = {}
    final_quiz = None
    for page in descendants:
        if page.depth == course.depth + 1:
            if page.pk in modules_by_id:
                outlines[page.path] = ModuleOutline(module=modules_by_id[page.pk], number=len(outlines) + 1)
            elif _is_quiz(page):
                final_quiz = page
    for page in descendants:
        parent = outlines.get(page.path[: -Page.steplen])
        if page.depth == course.depth + 2 and parent is not None:
            if _is_lesson(page):
                parent.lessons.append(page)
            elif _is_quiz(page):
                parent.quiz = page
            elif _is_page_of(page, "crisis.CrisisScenarioPage"):
                parent.scenarios.append(page)
    modules = list(outlines.values())
    return {
        "breadcrumbs": list(course.get_ancestors().filter(depth__gt=1)),
        "modules": modules,
        "final_quiz": final_quiz,
        "lesson_count": sum(len(m.lessons) for m in modules),
        "total_minutes": sum(m.module.duration_minutes for m in modules),
    }


def module_outline_get(*, module: Page) -> ModuleOutlineContext:
    """The module's lessons and quiz in order, its course, and its neighbours in the course (cached until the
    page tree changes)."""
    return structure_cached("module", module.pk, lambda: _module_outline(module))


def _module_outline(module: Page) -> ModuleOutlineContext:
    # Lessons and quizzes sit above course in the import layers: their models are looked up by name.
    LessonPage = apps.get_model("lessons", "LessonPage")
    QuizPage = apps.get_model("quizzes", "QuizPage")
    course = CoursePage.objects.get(path=module.path[: -Page.steplen])
    siblings = list(
        ModulePage.objects.child_of(course).live().public().order_by("path").only("id", "path", "title", "url_path")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == module.pk)
    return {
        "breadcrumbs": list(course.get_ancestors().filter(depth__gt=1)) + [course],
        "course": course,
        "module_number": index + 1,
        # The outline shows titles, summaries and reading times: the bodies and questions stay in the database.
        "lessons": list(LessonPage.objects.child_of(module).live().public().order_by("path").defer("body")),
        "quiz": QuizPage.objects.child_of(module).live().public().order_by("path").defer("questions").first(),
        "scenarios": list(
            apps.get_model("crisis", "CrisisScenarioPage")
            .objects.child_of(module)
            .live()
            .public()
            .order_by("path")
            .defer("definition")
        ),
        "previous_module": siblings[index - 1] if index > 0 else None,
        "next_module": siblings[index + 1] if index + 1 < len(siblings) else None,
    }


def lesson_navigation_get(*, lesson: Page) -> LessonNavigation:
    """Breadcrumbs, the module's table of contents and the previous/next items for a lesson (cached until the
    page tree changes)."""
    return structure_cached("lesson-navigation", lesson.pk, lambda: _lesson_navigation(lesson))


def _lesson_navigation(lesson: Page) -> LessonNavigation:
    ancestors = list(lesson.get_ancestors().filter(depth__gt=1))
    module, course = ancestors[-1], ancestors[-2]
    # Titles and URLs only: specific classes without loading their fields (a lesson's body is large).
    items = list(module.get_children().live().public().specific(defer=True))
    index = next((i for i, item in enumerate(items) if item.pk == lesson.pk), None)
    previous_item = items[index - 1] if index else None
    next_item = items[index + 1] if index is not None and index + 1 < len(items) else None
    return {
        "breadcrumbs": ancestors,
        "module": module,
        "course": course,
        "module_items": items,
        "previous_item": previous_item,
        "next_item": next_item,
    }


def lesson_search_context(*, lessons: list[Page]) -> dict[int, tuple[Page, Page]]:
    """For each lesson id, its (module, course), fetched in one query for all the results."""
    module_paths = {lesson.path[: -Page.steplen] for lesson in lessons}
    course_paths = {path[: -Page.steplen] for path in module_paths}
    parents = {page.path: page for page in Page.objects.filter(path__in=module_paths | course_paths)}
    context = {}
    for lesson in lessons:
        module = parents.get(lesson.path[: -Page.steplen])
        course = parents.get(lesson.path[: -2 * Page.steplen])
        if module is not None and course is not None:
            context[lesson.pk] = (module, course)
    return context
