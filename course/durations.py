"""How long a module takes, computed from what is in it, so the catalogue never promises what lessons do not hold.

A module's duration is the reading time of its live lessons plus its quiz's estimate. It is stored on the module
(``ModulePage.duration_minutes``) so that pages and certificates can sum it in one query, and refreshed whenever a
lesson or quiz of the module is published, unpublished, moved or deleted.
"""

import math

from django.db.models import Q
from wagtail.models import Page

QUIZ_MINUTES_PER_QUESTION = 1.5
QUIZ_MINIMUM_MINUTES = 5


def quiz_minutes(quiz: Page) -> int:
    """The quiz's time limit when it has one, otherwise 1.5 minutes per question asked (at least 5)."""
    if getattr(quiz, "time_limit_minutes", None):
        return quiz.time_limit_minutes
    return max(QUIZ_MINIMUM_MINUTES, math.ceil(quiz.question_count * QUIZ_MINUTES_PER_QUESTION))


def module_minutes(module: Page, *, without: int | None = None) -> int:
    """Reading time of the module's live lessons plus its live quiz's estimate (``without`` a page being deleted)."""
    total = 0
    for child in module.get_children().live().exclude(pk=without).specific():
        if hasattr(child, "reading_minutes"):
            total += child.reading_minutes
        elif hasattr(child, "question_count"):
            total += quiz_minutes(child)
    return total


def module_duration_refresh(module: Page, *, without: int | None = None) -> int:
    """Store the module's computed duration without creating a revision (an edit by nobody)."""
    from .models import ModulePage

    minutes = module_minutes(module, without=without)
    ModulePage.objects.filter(pk=module.pk).update(duration_minutes=minutes)
    return minutes


def modules_containing(page: Page, *, path: str | None = None) -> list[Page]:
    """The module the page is (or is in): itself if a module, else its parent module (by tree path)."""
    from .models import ModulePage

    path = path or page.path
    candidates = Q(path=path) | Q(path=path[: -Page.steplen]) if len(path) > Page.steplen else Q(path=path)
    return list(ModulePage.objects.filter(candidates))


def durations_refresh_on_page_change(sender=None, instance=None, **kwargs) -> None:
    """Signal receiver: refresh the duration of the module a published or unpublished page belongs to."""
    if instance is None or not isinstance(instance, Page):
        return
    for module in modules_containing(instance):
        module_duration_refresh(module)


def durations_refresh_on_delete(sender=None, instance=None, **kwargs) -> None:
    """Signal receiver: a deleted lesson or quiz no longer counts in its module (its base row may still exist)."""
    for module in modules_containing(instance):
        module_duration_refresh(module, without=instance.pk)


def durations_refresh_on_move(sender=None, instance=None, parent_page_before=None, parent_page_after=None, **kwargs):
    """Signal receiver: a lesson moved between modules changes both modules' durations."""
    for parent in (parent_page_before, parent_page_after):
        if parent is not None:
            for module in modules_containing(parent):
                module_duration_refresh(module)
