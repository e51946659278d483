"""Template tags showing the learner's progress on catalogue, course, module and lesson pages.

Each tag reads the learner's progress once for the page (a fixed number of queries); loops in templates only
look values up in what the tag returned.
"""

from django import template

from lessons.models import LessonPage
from progress import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def courses_progress(context, courses):
    """{course id: CourseProgress} for the signed-in learner ({} for anonymous visitors)."""
    return selectors.courses_progress_get(user=context["request"].user, courses=list(courses))


@register.simple_tag(takes_context=True)
def course_progress(context, course):
    """The learner's CourseProgress for one course (None for anonymous visitors)."""
    return selectors.course_progress_get(user=context["request"].user, course=course)


@register.filter
def progress_of(mapping, key):
    """mapping[key] in a template, or None."""
    return mapping.get(key) if mapping else None


def _lesson_status(context) -> selectors.LessonStatus | None:
    """Computed once per request and shared by the status and the actions of the lesson page."""
    request = context["request"]
    if not request.user.is_authenticated:
        return None
    lesson = context["page"]
    cache = request.__dict__.setdefault("_progress_lesson_status", {})
    if lesson.pk not in cache:
        module_lessons = [item for item in context.get("module_items", []) if isinstance(item, LessonPage)]
        cache[lesson.pk] = selectors.lesson_status_get(user=request.user, lesson=lesson, module_lessons=module_lessons)
    return cache[lesson.pk]


@register.inclusion_tag("progress/includes/lesson_status.html", takes_context=True)
def lesson_status(context):
    """ "Not started / started / done on <date>" and the module's progress, or an invitation to log in."""
    return {
        "request": context["request"],
        "user": context["request"].user,
        "page": context["page"],
        "module": context.get("module"),
        "status": _lesson_status(context),
    }


@register.inclusion_tag("progress/includes/lesson_actions.html", takes_context=True)
def lesson_actions(context):
    """The "Mark as done" button (a POST form), or, once done, the way on to the next lesson or quiz."""
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "page": context["page"],
        "next_item": context.get("next_item"),
        "status": _lesson_status(context),
    }
