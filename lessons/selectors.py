"""Reads about lessons: which ones are due for a fresh check of their facts."""

import datetime

from django.db.models import F, Q, QuerySet

from .models import LessonPage

# Platform limits, laws and people's titles change: a lesson's facts are re-checked at least once a year.
REVIEW_INTERVAL_MONTHS = 12


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier, clamped to the month's last day (31 March - 1 month = 28/29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


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
