"""Reads about lessons: which ones are due for a fresh check of their facts."""

import datetime

from django.db.models import F, Q, QuerySet

from core.freshness import REVIEW_INTERVAL_MONTHS, months_before

from .models import LessonPage

# The interval and the month arithmetic live in core (studio's platform facts use them too); these names
# stay importable from here for existing callers.
__all__ = ["REVIEW_INTERVAL_MONTHS", "lessons_stale_list", "months_before"]


def lessons_stale_list(*, today: datetime.date, months: int = REVIEW_INTERVAL_MONTHS) -> QuerySet[LessonPage]:
    """Live lessons never checked (first) or checked more than ``months`` months before ``today``; oldest first."""
    cutoff = months_before(today, months)
    lessons: QuerySet[LessonPage] = (
        LessonPage.objects.live()
        .filter(Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=cutoff))
        .order_by(F("reviewed_on").asc(nulls_first=True), "path")
        .only("id", "title", "reviewed_on", "path", "depth", "url_path", "content_type_id")
    )
    return lessons
