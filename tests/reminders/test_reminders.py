"""Inactivity reminders: who gets one, once per inactivity period, in French, with resume and opt-out links."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from progress.services import lesson_complete, lesson_visit_record
from reminders.models import InactivityReminder, ReminderPreference
from reminders.selectors import learners_to_remind
from reminders.services import opt_out_token, reminder_send, reminders_enqueue, user_for_opt_out_token
from tests.factories import TrainerFactory, UserFactory, make_course

NOW = timezone.now()
LONG_AGO = NOW - datetime.timedelta(days=20)


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=2, title="Animer les réseaux sociaux")


def lessons_of(course):
    from lessons.models import LessonPage

    return list(LessonPage.objects.descendant_of(course).order_by("path"))


@pytest.fixture
def idle_learner(course):
    learner = UserFactory(full_name="Camille Dupré")
    lesson_visit_record(user=learner, lesson=lessons_of(course)[0], now=LONG_AGO)
    return learner


def _reminded_ids(now=NOW):
    return [candidate.user_id for candidate in learners_to_remind(now=now, inactive_days=14)]


def test_an_idle_learner_with_an_unfinished_course_gets_one_french_email_with_resume_and_opt_out_links(
    idle_learner, course
):
    assert reminders_enqueue(now=NOW) == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [idle_learner.email]
    assert message.subject == "Reprenez «\u00a0Animer les réseaux sociaux\u00a0» là où vous l’aviez laissé"
    assert "Bonjour Camille," in message.body
    resume_url = "http://testserver" + lessons_of(course)[0].url
    assert resume_url in message.body
    # The token is signed with a timestamp: read it from the header rather than signing again a second later.
    opt_out_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    prefix = "http://testserver" + reverse("reminders:opt_out", args=["TOKEN"]).replace("TOKEN/", "")
    assert opt_out_url.startswith(prefix)
    assert opt_out_url in message.body
    assert user_for_opt_out_token(token=opt_out_url.removeprefix(prefix).rstrip("/")) == idle_learner
    assert InactivityReminder.objects.get(user=idle_learner).sent_at is not None


def test_a_rerun_sends_nothing_more_for_the_same_inactivity_period(idle_learner):
    reminders_enqueue(now=NOW)
    reminders_enqueue(now=NOW + datetime.timedelta(days=1))
    activity_at = InactivityReminder.objects.get().activity_at

    result = reminder_send.call(user_id=idle_learner.pk, activity_at=activity_at.isoformat())

    assert result == {"skipped": "already sent"}
    assert len(mail.outbox) == 1


def test_a_learner_who_came_back_and_stopped_again_gets_a_new_reminder(idle_learner, course):
    reminders_enqueue(now=NOW)
    lesson_visit_record(user=idle_learner, lesson=lessons_of(course)[1], now=NOW)

    later = NOW + datetime.timedelta(days=15)
    assert reminders_enqueue(now=later) == 1
    assert len(mail.outbox) == 2
    assert InactivityReminder.objects.filter(user=idle_learner).count() == 2


def test_who_is_not_reminded(course, idle_learner):
    lessons = lessons_of(course)
    recent = UserFactory()
    lesson_visit_record(user=recent, lesson=lessons[0], now=NOW - datetime.timedelta(days=3))
    opted_out = UserFactory()
    lesson_visit_record(user=opted_out, lesson=lessons[0], now=LONG_AGO)
    ReminderPreference.objects.create(user=opted_out, reminders_enabled=False)
    unverified = UserFactory()
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    lesson_visit_record(user=unverified, lesson=lessons[0], now=LONG_AGO)
    never_started = UserFactory()
    trainer = TrainerFactory()
    lesson_visit_record(user=trainer, lesson=lessons[0], now=LONG_AGO)

    assert _reminded_ids() == [idle_learner.pk]
    assert not {recent.pk, opted_out.pk, unverified.pk, never_started.pk, trainer.pk} & set(_reminded_ids())


def test_a_learner_who_finished_the_course_gets_no_email(course):
    finisher = UserFactory()
    for lesson in lessons_of(course):
        lesson_complete(user=finisher, lesson=lesson, now=LONG_AGO)

    reminders_enqueue(now=NOW)

    assert mail.outbox == []
    assert not InactivityReminder.objects.exists()


def test_an_opt_out_after_queuing_is_respected_when_the_task_runs(idle_learner):
    candidate = learners_to_remind(now=NOW, inactive_days=14)[0]
    ReminderPreference.objects.create(user=idle_learner, reminders_enabled=False)

    result = reminder_send.call(user_id=idle_learner.pk, activity_at=candidate.last_activity.isoformat())

    assert result == {"skipped": "opted out"}
    assert mail.outbox == []


def test_the_opt_out_link_asks_before_unsubscribing_and_a_post_unsubscribes(client, idle_learner):
    url = reverse("reminders:opt_out", args=[opt_out_token(user=idle_learner)])

    page = client.get(url)
    assert page.status_code == 200
    assert "Ne plus recevoir de rappels" in page.content.decode()
    assert not ReminderPreference.objects.exists()

    done = client.post(url)  # RFC 8058 one-click: no CSRF token, no session
    assert done.status_code == 200
    assert ReminderPreference.objects.get(user=idle_learner).reminders_enabled is False
    assert _reminded_ids() == []


def test_a_forged_opt_out_link_is_refused(client, idle_learner):
    token = opt_out_token(user=idle_learner)
    assert client.post(reverse("reminders:opt_out", args=[token[:-2] + "xx"])).status_code == 404
    assert not ReminderPreference.objects.exists()


def test_the_learner_turns_reminders_off_and_on_from_their_preferences(client, idle_learner):
    client.force_login(idle_learner)
    url = reverse("reminders:preferences")
    assert "checked" in client.get(url).content.decode()

    client.post(url, {})
    assert _reminded_ids() == []

    client.post(url, {"reminders_enabled": "on"})
    assert _reminded_ids() == [idle_learner.pk]


def test_the_command_queues_the_reminders_and_its_dry_run_sends_nothing(idle_learner):
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert idle_learner.email in out.getvalue()
    assert mail.outbox == []

    call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_with_queued_email_the_task_delivers_itself_instead_of_queuing_again(idle_learner, settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    reminders_enqueue(now=NOW)

    assert [message.to for message in mail.outbox] == [[idle_learner.email]]
