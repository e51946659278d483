"""Trainers grade the writing steps of crisis simulations from their review queue."""

import pytest
from django.core import mail
from django.urls import reverse

from cohorts.models import CrisisGradeNotification
from cohorts.notifications import crisis_grade_notification_schedule
from crisis.models import CrisisChoice
from crisis.services import CrisisError, run_start, writing_choice_review
from progress.models import ModuleCompletion
from progress.services import lesson_complete
from tests.cohorts.flaky_mail import FlakyEmailBackend
from tests.progress.helpers import lessons_of

from .helpers import play

# The studio checker finds an error in a text this long: provisional points 0 (4/7 < 60 %); the run waits for
# a trainer's grade either way, and passes nothing until then.
TOO_LONG = "x" * 3000


@pytest.fixture
def learner(learner_a):
    """The learner of trainer A's cohort."""
    return learner_a


@pytest.fixture
def failed_run(learner, scenario, module):
    for lesson in lessons_of(module):
        lesson_complete(user=learner, lesson=lesson)
    run = play(run_start(user=learner, scenario=scenario), ("s1", "a"), ("s2", TOO_LONG))
    assert (run.passed, run.percent) == (None, 57)  # waiting for review
    return run


def _written(run):
    return run.choices.get(step_key="s2")


def test_the_writing_step_is_in_the_queue_of_the_cohorts_trainer_only(client, failed_run, trainer_a, trainer_b):
    written = _written(failed_run)
    review_url = reverse("cohorts_admin:review_crisis", args=[written.pk])

    client.force_login(trainer_a)
    page = client.get(reverse("cohorts_admin:reviews")).content.decode()
    assert '<h2 id="crisis-reviews" class="w-h2">Simulations de crise</h2>' in page
    assert "Alice Apprenante" in page and review_url in page

    client.force_login(trainer_b)
    page = client.get(reverse("cohorts_admin:reviews")).content.decode()
    assert review_url not in page and "Alice Apprenante" not in page
    assert client.get(review_url).status_code == 404


def test_the_review_screen_shows_the_prompt_the_text_and_the_findings(client, failed_run, trainer_a):
    written = _written(failed_run)
    client.force_login(trainer_a)

    page = client.get(reverse("cohorts_admin:review_crisis", args=[written.pk])).content.decode()

    assert "Rédigez la réponse publique sous le post." in page
    assert TOO_LONG in page
    assert written.findings[0]["message"] in page


def test_grading_updates_the_score_the_pass_and_the_completion(client, failed_run, trainer_a, learner, module):
    written = _written(failed_run)
    assert not ModuleCompletion.objects.filter(user=learner, module=module).exists()
    client.force_login(trainer_a)

    response = client.post(
        reverse("cohorts_admin:review_crisis", args=[written.pk]), {"points": "3", "feedback": "Bien vu."}
    )

    assert response.status_code == 302 and response.url == reverse("cohorts_admin:reviews")
    written.refresh_from_db()
    failed_run.refresh_from_db()
    assert (written.points, written.feedback, written.reviewed_by) == (3, "Bien vu.", trainer_a)
    assert written.reviewed_at is not None
    assert (failed_run.passed, failed_run.percent, failed_run.scores["tone"]) == (True, 100, 3)
    assert ModuleCompletion.objects.filter(user=learner, module=module).exists()
    # Graded: it leaves the queue.
    assert (
        reverse("cohorts_admin:review_crisis", args=[written.pk])
        not in client.get(reverse("cohorts_admin:reviews")).content.decode()
    )


def test_provisional_points_pass_nothing_and_a_low_grade_fails_the_run(learner, scenario, module, trainer_a):
    for lesson in lessons_of(module):
        lesson_complete(user=learner, lesson=lesson)
    run = play(run_start(user=learner, scenario=scenario), ("s1", "a"), ("s2", "Bonjour Claire, écrivez-nous."))
    assert (run.passed, run.percent) == (None, 100)  # the checker's full points are provisional
    assert not ModuleCompletion.objects.filter(user=learner, module=module).exists()

    writing_choice_review(choice=_written(run), reviewer=trainer_a, points=0, feedback="Trop sec.")

    run.refresh_from_db()
    assert (run.passed, run.percent) == (False, 57)
    assert not ModuleCompletion.objects.filter(user=learner, module=module).exists()


def test_a_graded_text_cannot_be_graded_again(failed_run, trainer_a):
    writing_choice_review(choice=_written(failed_run), reviewer=trainer_a, points=3, feedback="Bien.")

    with pytest.raises(CrisisError, match="déjà été noté"):
        writing_choice_review(choice=_written(failed_run), reviewer=trainer_a, points=0, feedback="Finalement non.")

    failed_run.refresh_from_db()
    assert (failed_run.passed, failed_run.percent) == (True, 100)


@pytest.mark.parametrize("points", ["4", "-1"])
def test_points_out_of_range_are_refused_and_nothing_changes(client, failed_run, trainer_a, points):
    written = _written(failed_run)
    client.force_login(trainer_a)

    response = client.post(reverse("cohorts_admin:review_crisis", args=[written.pk]), {"points": points})

    assert response.status_code == 400
    assert "Les points doivent être compris entre 0 et 3." in response.content.decode()
    written.refresh_from_db()
    failed_run.refresh_from_db()
    assert (written.points, written.reviewed_at) == (0, None)
    assert (failed_run.passed, failed_run.percent) == (None, 57)


def test_the_service_refuses_a_choice_step(failed_run, trainer_a):
    decision = failed_run.choices.get(step_key="s1")
    with pytest.raises(CrisisError):
        writing_choice_review(choice=decision, reviewer=trainer_a, points=1, feedback="")
    assert CrisisChoice.objects.get(pk=decision.pk).reviewed_at is None


def test_a_learner_cannot_open_the_review_screen(client, failed_run, learner):
    written = _written(failed_run)
    client.force_login(learner)

    response = client.get(reverse("cohorts_admin:review_crisis", args=[written.pk]))
    posted = client.post(reverse("cohorts_admin:review_crisis", args=[written.pk]), {"points": "3"})

    assert response.status_code in (302, 403) and posted.status_code in (302, 403)
    written.refresh_from_db()
    assert written.reviewed_at is None


def test_the_learner_sees_the_trainers_grade_and_feedback_in_the_debrief(client, failed_run, trainer_a, learner):
    writing_choice_review(choice=_written(failed_run), reviewer=trainer_a, points=2, feedback="Ajoutez un contact.")
    client.force_login(learner)

    debrief = client.get(reverse("crisis:debrief", args=[failed_run.pk])).content.decode()

    assert "Points attribués par votre formateur." in debrief
    assert "Le commentaire de votre formateur\u00a0:</strong> Ajoutez un contact." in debrief


def test_the_learner_is_emailed_the_grade_the_feedback_and_a_link_to_the_debrief(
    client, failed_run, trainer_a, learner
):
    written = _written(failed_run)
    client.force_login(trainer_a)

    response = client.post(
        reverse("cohorts_admin:review_crisis", args=[written.pk]),
        {"points": "2", "feedback": "Ton juste, trop long."},
        follow=True,
    )

    assert "l’apprenant a été prévenu par e-mail" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [learner.email]
    assert "Un commentaire inquiétant" in message.subject
    assert "La réponse publique" in message.body and "2 / 3 points" in message.body
    assert "Ton juste, trop long." in message.body
    assert reverse("crisis:debrief", args=[failed_run.pk]) in message.body
    assert CrisisGradeNotification.objects.get(choice=written).sent_at is not None


def test_the_grade_email_is_sent_once_however_often_its_task_runs(failed_run, trainer_a):
    written = writing_choice_review(choice=_written(failed_run), reviewer=trainer_a, points=3, feedback="")

    crisis_grade_notification_schedule(choice=written)
    crisis_grade_notification_schedule(choice=written)  # a duplicated or retried task

    assert len(mail.outbox) == 1


def test_no_grade_email_for_a_text_not_graded_yet(failed_run):
    crisis_grade_notification_schedule(choice=_written(failed_run))

    assert mail.outbox == []
    assert not CrisisGradeNotification.objects.exists()


def test_a_refused_grade_email_is_retried_until_it_is_sent(failed_run, trainer_a, settings):
    settings.EMAIL_BACKEND = "tests.cohorts.flaky_mail.FlakyEmailBackend"
    settings.TASK_MAX_ATTEMPTS = 3
    FlakyEmailBackend.failures_left = 2
    written = writing_choice_review(choice=_written(failed_run), reviewer=trainer_a, points=3, feedback="")

    try:
        crisis_grade_notification_schedule(choice=written)
    finally:
        FlakyEmailBackend.failures_left = 0

    assert len(mail.outbox) == 1
    assert CrisisGradeNotification.objects.get(choice=written).sent_at is not None
