"""Sending the reminders: queue one task per learner to remind, each sending at most one e-mail per inactivity
period; and the weekly stale-content digest, one e-mail per trainer or administrator per week.

Tasks deliver through ``core.mail.delivery_connection`` (they already are the queue), send through
``core.mail.send_once`` (a locked row per e-mail) and retry with a back-off (``core.tasks``), like the review
notifications.
"""

from __future__ import annotations

import datetime
import functools
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core.mail import delivery_connection, send_once
from core.tasks import task_retry_or_raise
from core.urls import page_public_url, public_url
from progress.selectors import resume_point_get

from . import digest, selectors
from .models import InactivityReminder, ReminderPreference, StaleContentDigest

if TYPE_CHECKING:
    from accounts.models import User

OPT_OUT_SALT = "reminders.opt-out"


def opt_out_token(*, user: User) -> str:
    """A signed, non-expiring token naming the learner, for the opt-out link of every reminder."""
    return signing.dumps({"u": user.pk}, salt=OPT_OUT_SALT, compress=True)


def user_for_opt_out_token(*, token: str) -> User | None:
    """The learner a token names, or None for a forged or mangled one."""
    try:
        data = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    user: User | None = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    return user


def reminder_preference_set(*, user: User, enabled: bool, now: datetime.datetime | None = None) -> None:
    """Record whether the learner wants reminder e-mails (the opt-out link and the preferences page)."""
    ReminderPreference.objects.update_or_create(
        user=user, defaults={"reminders_enabled": enabled, "updated_at": now or timezone.now()}
    )


def reminders_enqueue(*, now: datetime.datetime | None = None) -> int:
    """Queue one reminder task per learner to remind today; returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for candidate in selectors.learners_to_remind(now=now, inactive_days=settings.REMINDER_INACTIVE_DAYS):
        reminder_send.enqueue(user_id=candidate.user_id, activity_at=candidate.last_activity.isoformat())
        queued += 1
    return queued


def _opt_out_url(user: User) -> str:
    return public_url(reverse("reminders:opt_out", args=[opt_out_token(user=user)]))


@task()
def reminder_send(*, user_id: int, activity_at: str, attempt: int = 1) -> dict[str, Any]:
    """E-mail one inactive learner, in French, a link to resume their unfinished course and a link to opt out.

    Idempotent: an InactivityReminder row per (learner, last activity), locked while sending, records the e-mail.
    Everything is checked again when the worker runs: an opt-out, a new activity or a finished course since the
    task was queued means no e-mail.
    """
    kwargs = {"user_id": user_id, "activity_at": activity_at}
    last_activity = selectors.last_activity_get(user_id=user_id)
    if last_activity is None:
        return {"skipped": "no such learner"}
    if last_activity.isoformat() != activity_at:
        return {"skipped": "active since"}
    user: User = get_user_model().objects.get(pk=user_id)
    if not selectors.reminders_enabled_for(user=user):
        return {"skipped": "opted out"}
    resume = resume_point_get(user=user)
    if resume is None:
        return {"skipped": "nothing unfinished"}
    try:
        sent = send_once(
            record_model=InactivityReminder,
            lookup={"user": user, "activity_at": last_activity},
            send=lambda: _reminder_email_send(user=user, course=resume.course, step_url=page_public_url(resume.step)),
        )
    except Exception as error:
        return task_retry_or_raise(reminder_send, attempt=attempt, error=error, kwargs=kwargs)
    return {"sent_to": user.pk} if sent else {"skipped": "already sent"}


def _reminder_email_send(*, user: User, course: Any, step_url: str) -> None:
    opt_out_url = _opt_out_url(user)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "learner": user,
            "course_title": course.title,
            "resume_url": step_url,
            "opt_out_url": opt_out_url,
            "preferences_url": public_url(reverse("reminders:preferences")),
            "inactive_days": settings.REMINDER_INACTIVE_DAYS,
        }
        subject = render_to_string("reminders/emails/reminder_subject.txt", context).strip()
        body = render_to_string("reminders/emails/reminder_body.txt", context)
    message = EmailMultiAlternatives(
        subject,
        body,
        None,
        [user.email],
        connection=delivery_connection(),
        # RFC 8058 one-click unsubscribe: mail clients show an « unsubscribe » button that POSTs to the link.
        headers={"List-Unsubscribe": f"<{opt_out_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.send()


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week: the digest is sent once per week and recipient."""
    return day - datetime.timedelta(days=day.weekday())


def stale_content_digest_enqueue(*, today: datetime.date | None = None) -> bool:
    """Queue this week's digest if anything is stale; returns whether it was queued."""
    today = today or timezone.localdate()
    if not digest.stale_sections(today=today):
        return False
    stale_content_digest_send.enqueue(today=today.isoformat())
    return True


@task()
def stale_content_digest_send(*, today: str, attempt: int = 1) -> dict[str, Any]:
    """E-mail each trainer and administrator the content past its review interval, once per week each.

    Nothing is sent when nothing is stale. A StaleContentDigest row per (recipient, week), locked while sending,
    makes reruns and retries skip those already e-mailed.
    """
    day = datetime.date.fromisoformat(today)
    with translation.override(settings.LANGUAGE_CODE):
        sections = digest.stale_sections(today=day)
    if not sections:
        return {"skipped": "nothing stale"}
    sent = 0
    try:
        for recipient in selectors.staff_recipients():
            sent += send_once(
                record_model=StaleContentDigest,
                lookup={"user": recipient, "week": week_of(day)},
                send=functools.partial(_digest_email_send, user=recipient, sections=sections, today=day),
            )
    except Exception as error:
        return task_retry_or_raise(stale_content_digest_send, attempt=attempt, error=error, kwargs={"today": today})
    return {"sent": sent}


def _digest_email_send(*, user: User, sections: list[digest.StaleSection], today: datetime.date) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "sections": [
                {"kind": s.kind, "items": [{"item": i, "url": public_url(i.edit_path)} for i in s.items]}
                for s in sections
            ],
            "count": sum(len(s.items) for s in sections),
            "today": today,
        }
        subject = render_to_string("reminders/emails/digest_subject.txt", context).strip()
        body = render_to_string("reminders/emails/digest_body.txt", context)
    EmailMultiAlternatives(subject, body, None, [user.email], connection=delivery_connection()).send()
