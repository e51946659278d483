"""Every written answer reaches a trainer: learners no trainer follows go to the course's shared queue."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from accounts.models import TRAINERS_GROUP_NAME
from cohorts import scope
from cohorts.models import Membership
from cohorts.services import cohort_create
from quizzes.models import AttemptStatus
from quizzes.selectors import writing_reviews_pending
from tests.factories import TrainerFactory, UserFactory

from .conftest import add_learners, review_form_post, submit_writing, writing_question_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def loner(db):
    return UserFactory(full_name="Léa Solitaire")


def _rights_only_on(course, trainer):
    """Take the « Formateurs » group's rights on the whole site away; give `trainer` rights on `course` only."""
    GroupPagePermission.objects.filter(group__name=TRAINERS_GROUP_NAME).delete()
    group = Group.objects.create(name=f"Formateurs – {course.title}")
    GroupPagePermission.objects.create(
        group=group, page=course, permission=Permission.objects.get(codename="change_page")
    )
    trainer.groups.add(group)


def test_no_pending_review_is_invisible_to_every_trainer(
    writing_quiz, trainer_a, trainer_b, learner_a, learner_b, loner
):
    trainerless = cohort_create(name="Sans formateur", created_by=trainer_a, trainers=())
    trainerless.trainers.clear()
    orphan = add_learners(trainerless, full_name="Olga Orpheline")[0]
    TrainerFactory(full_name="Chloé Sans Cohorte")
    for learner in (learner_a, learner_b, loner, orphan):
        submit_writing(writing_quiz, learner)

    seen = set()
    for trainer in scope.active_trainers().filter(is_superuser=False):
        seen |= set(scope.review_queue_for(user=trainer).values_list("pk", flat=True))

    assert seen == set(writing_reviews_pending().values_list("pk", flat=True))
    assert len(seen) == 4


def test_learner_in_no_cohort_is_in_every_trainers_queue_and_scope(writing_quiz, trainer_a, trainer_b, loner):
    attempt = submit_writing(writing_quiz, loner)
    for trainer in (trainer_a, trainer_b):
        assert list(scope.review_queue_for(user=trainer)) == [attempt]
        assert list(scope.learners_in_scope(user=trainer)) == [loner]


def test_cohort_learners_stay_out_of_other_trainers_queues(writing_quiz, trainer_a, trainer_b, learner_a):
    attempt = submit_writing(writing_quiz, learner_a)
    assert list(scope.review_queue_for(user=trainer_a)) == [attempt]
    assert not scope.review_queue_for(user=trainer_b).exists()
    assert not scope.shared_queue().exists()


def test_shared_queue_is_seen_only_by_trainers_with_rights_on_the_course(writing_quiz, trainer_a, trainer_b, loner):
    course = writing_quiz.get_parent().get_parent().specific
    _rights_only_on(course, trainer_a)
    attempt = submit_writing(writing_quiz, loner)
    assert list(scope.review_queue_for(user=trainer_a)) == [attempt]
    assert not scope.review_queue_for(user=trainer_b).exists()
    assert loner not in scope.learners_in_scope(user=trainer_b)


def test_learner_leaves_the_shared_queue_once_a_trainer_follows_them(
    writing_quiz, trainer_a, trainer_b, cohort_a, loner
):
    submit_writing(writing_quiz, loner)
    cohort_a.memberships.create(user=loner, source=Membership.Source.INVITATION)
    assert not scope.review_queue_for(user=trainer_b).exists()
    assert scope.review_queue_for(user=trainer_a).count() == 1


def test_queue_page_shows_shared_label_and_waiting_time(client, writing_quiz, trainer_b, loner):
    three_days_ago = timezone.now() - datetime.timedelta(days=3, minutes=5)
    submit_writing(writing_quiz, loner, now=three_days_ago)
    client.force_login(trainer_b)
    html = client.get(reverse("cohorts_admin:reviews")).content.decode()
    assert "Léa Solitaire" in html
    assert "File partagée" in html
    assert "en attente depuis 3\u00a0jours" in html


def test_trainer_reviews_a_shared_queue_answer_and_the_learner_is_told(
    client, writing_quiz, trainer_b, loner, django_capture_on_commit_callbacks
):
    attempt = submit_writing(writing_quiz, loner)
    client.force_login(loner)
    assert "en attente de correction" in client.get(reverse("progress:dashboard")).content.decode()

    client.force_login(trainer_b)
    question_id = writing_question_id(attempt)
    with django_capture_on_commit_callbacks(execute=True):
        response = review_form_post(client, attempt, question_id, points="4", feedback="Très juste.")

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.writing_reviews.get().reviewer == trainer_b
    assert [message.to for message in mail.outbox] == [[loner.email]]
    assert not scope.shared_queue().exists()
