"""Reads of the post studio."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page

from accounts.models import User

from .exercises import Exercise
from .models import PostDraft


def post_draft_get(*, user: User, exercise: Exercise) -> PostDraft | None:
    """The learner's latest draft for this exercise, if she wrote one."""
    return PostDraft.objects.filter(user=user, page=exercise.page, exercise_key=exercise.key).first()


def lesson_urls_get(*, lessons: Iterable[str]) -> dict[str, str]:
    """URLs of the live lessons named « module-slug/lesson-slug » (one query); unknown ones are left out."""
    wanted = {lesson.rsplit("/", 1)[-1]: lesson for lesson in lessons}
    urls = {}
    for page in Page.objects.live().filter(slug__in=wanted):
        lesson = wanted[page.slug]
        if page.url_path.rstrip("/").endswith("/" + lesson):
            urls[lesson] = page.get_url()
    return urls
