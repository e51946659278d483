"""Lock the lessons, quizzes and crisis simulations of modules not yet unlocked (reading never writes anything)."""

from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.models import Page

from core.models import HOME_PAGE_CONTEXT_HOOK
from crisis.models import CrisisScenarioPage
from lessons.models import LessonPage
from quizzes.models import QuizPage

from . import selectors
from .views import locked_response


@hooks.register("lumiere_page_access")
def progress_page_access(page: Page, request: HttpRequest) -> HttpResponse | None:
    """403 naming the module to finish first when ``page`` is a lesson or quiz of a module still locked.

    Registered under ``lumiere_page_access`` too, which actions on a page (starting a quiz) ask before acting.
    """
    if not isinstance(page, LessonPage | QuizPage | CrisisScenarioPage):
        return None
    blocker = selectors.page_lock_get(user=request.user, page=page)
    return locked_response(request, page=page, blocker=blocker) if blocker is not None else None


@hooks.register("before_serve_page")
def progress_before_serve_page(
    page: Page, request: HttpRequest, serve_args: tuple[object, ...], serve_kwargs: dict[str, object]
) -> HttpResponse | None:
    """Serving a lesson or quiz obeys the unlock rule; the visit itself is recorded by a POST (``lesson_visit``)."""
    return progress_page_access(page, request)


@hooks.register(HOME_PAGE_CONTEXT_HOOK)
def progress_home_page_context(request, context):
    """The « Reprendre là où vous en étiez » card: the signed-in learner's next lesson or quiz."""
    context["resume"] = selectors.resume_point_get(user=request.user)
