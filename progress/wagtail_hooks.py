"""Lock lessons and quizzes of modules not yet unlocked, and record a learner's visit to a lesson."""

from wagtail import hooks

from core.models import HOME_PAGE_CONTEXT_HOOK
from lessons.models import LessonPage
from quizzes.models import QuizPage

from . import selectors, services
from .views import locked_response


@hooks.register("before_serve_page")
def progress_before_serve_page(page, request, serve_args, serve_kwargs):
    """A lesson or quiz of a locked module answers 403 with the module to finish first; a lesson visit is recorded.

    Anonymous visitors read freely (the course is open; nothing is tracked). Trainers are never locked out.
    """
    is_lesson = isinstance(page, LessonPage)
    if not (is_lesson or isinstance(page, QuizPage)) or not request.user.is_authenticated:
        return None
    course = selectors.course_of_page(page)
    if course is None:
        return None
    if course.unlock_in_order:
        progress = selectors.course_progress_get(user=request.user, course=course)
        blocker = progress.blocker_for(page)
        if blocker is not None and not request.user.is_trainer:
            return locked_response(request, page=page, blocker=blocker)
    if is_lesson and request.method == "GET":
        services.lesson_visit_record(user=request.user, lesson=page)
    return None


@hooks.register(HOME_PAGE_CONTEXT_HOOK)
def progress_home_page_context(request, context):
    """The « Reprendre là où vous en étiez » card: the signed-in learner's next lesson or quiz."""
    context["resume"] = selectors.resume_point_get(user=request.user)
