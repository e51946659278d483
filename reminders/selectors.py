"""Who gets a reminder: learners idle for REMINDER_INACTIVE_DAYS with an unfinished course, who accept e-mails."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import DateTimeField, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from accounts.models import TRAINERS_GROUP_NAME
from progress.models import LessonProgress
from quizzes.models import Attempt

from .models import InactivityReminder, ReminderPreference

if TYPE_CHECKING:
    from accounts.models import User

NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _latest(queryset: QuerySet, *fields: str) -> Coalesce:
    moments = queryset.annotate(moment=Coalesce(*fields)).order_by("-moment").values("moment")[:1]
    return Coalesce(Subquery(moments, output_field=DateTimeField()), Value(NEVER))


def _last_activity() -> Greatest:
    """A user's latest lesson or quiz moment (NEVER if none), for ``annotate`` on users."""
    user = OuterRef("pk")
    lessons = _latest(LessonProgress.objects.filter(user_id=user), "completed_at", "started_at")
    attempts = _latest(Attempt.objects.filter(user_id=user), "submitted_at", "started_at")
    return Greatest(lessons, attempts)


def last_activity_get(*, user_id: int) -> datetime.datetime | None:
    """An active user's latest lesson or quiz moment (NEVER if none), or None if there is no such user."""
    moment: datetime.datetime | None = (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True)
        .annotate(last_activity=_last_activity())
        .values_list("last_activity", flat=True)
        .first()
    )
    return moment


@dataclass(frozen=True)
class ReminderCandidate:
    """A learner to remind and the last activity that opened their current period of inactivity."""

    user_id: int
    email: str
    last_activity: datetime.datetime


def learners_to_remind(*, now: datetime.datetime, inactive_days: int) -> list[ReminderCandidate]:
    """Active learners whose last activity is at least ``inactive_days`` old, with a verified address, who did not
    opt out and were not reminded since that activity. Whether a course is unfinished is checked per learner by
    the task (it needs the course tree): this query only narrows the candidates, in one statement."""
    cutoff = now - datetime.timedelta(days=inactive_days)
    verified = EmailAddress.objects.filter(user_id=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True)
    opted_out = ReminderPreference.objects.filter(user_id=OuterRef("pk"), reminders_enabled=False)
    reminded = InactivityReminder.objects.filter(
        user_id=OuterRef("pk"), activity_at__gte=OuterRef("last_activity"), sent_at__isnull=False
    )
    rows = (
        get_user_model()
        .objects.annotate(last_activity=_last_activity())
        .filter(is_active=True, is_superuser=False, last_activity__gt=NEVER, last_activity__lte=cutoff)
        .exclude(groups__name=TRAINERS_GROUP_NAME)
        .filter(Exists(verified))
        .exclude(Exists(opted_out))
        .exclude(Exists(reminded))
        .order_by("pk")
        .values_list("pk", "email", "last_activity")
    )
    return [ReminderCandidate(user_id=pk, email=email, last_activity=moment) for pk, email, moment in rows]


def reminders_enabled_for(*, user: User) -> bool:
    """Whether the learner accepts reminder e-mails (yes unless they said no)."""
    return not ReminderPreference.objects.filter(user=user, reminders_enabled=False).exists()


def staff_recipients() -> QuerySet[User]:
    """Who receives the stale-content digest: active trainers and administrators, unless their address is known
    and unverified (an administrator made by ``createsuperuser`` has no allauth address record: still sent)."""
    unverified = EmailAddress.objects.filter(user_id=OuterRef("pk"), email__iexact=OuterRef("email"), verified=False)
    users: QuerySet[User] = (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name=TRAINERS_GROUP_NAME), is_active=True)
        .exclude(Exists(unverified))
        .distinct()
        .order_by("pk")
    )
    return users
