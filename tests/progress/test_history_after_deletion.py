"""Deleting a lesson or a quiz page never erases a learner's history: records keep a title snapshot."""

import json

import pytest
from django.urls import reverse

from cohorts.models import Membership
from cohorts.services import cohort_create
from progress.models import LessonProgress
from progress.services import lesson_complete
from quizzes.models import Attempt
from quizzes.services import attempt_start, attempt_submit
from tests.factories import TrainerFactory, make_course, make_quiz, sample_question

from .helpers import lessons_of, modules_of, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(learner):
    """A learner who finished a lesson and submitted a quiz, whose pages are then deleted."""
    course = make_course(modules=1, lessons=2)
    module = modules_of(course)[0]
    lesson = lessons_of(module)[0]
    lesson.title = "Répondre aux commentaires"
    lesson.save_revision().publish()
    quiz = make_quiz(module, questions=[sample_question("true_false")], title="Quiz sur la modération")
    lesson_complete(user=learner, lesson=lesson)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_submit(user=learner, attempt_id=attempt.pk, answers={})
    lesson.delete()
    quiz.delete()
    return {"lesson_title": "Répondre aux commentaires", "quiz_title": "Quiz sur la modération", "attempt": attempt}


def test_deleting_the_pages_keeps_the_records_with_their_titles(learner, history):
    record = LessonProgress.objects.get(user=learner)
    attempt = Attempt.objects.get(pk=history["attempt"].pk)

    assert record.lesson is None and record.completed_at is not None
    assert record.lesson_display_title == history["lesson_title"]
    assert attempt.quiz is None and attempt.is_submitted
    assert attempt.quiz_display_title == history["quiz_title"]


def test_the_dashboard_still_lists_a_deleted_lesson_without_a_link(client, learner, history):
    client.force_login(learner)

    html = client.get(reverse("progress:dashboard")).content.decode()

    assert f"Lesson done: {history['lesson_title']}" in visible_text(html)
    assert f">{history['lesson_title']}</a>" not in html


def test_the_personal_data_export_keeps_the_deleted_pages_titles(client, learner, history):
    client.force_login(learner)

    data = json.loads(client.get(reverse("progress:personal_data")).content)

    assert [(row["lesson"], row["url"]) for row in data["progress"]["lessons"]] == [(history["lesson_title"], None)]
    assert [row["quiz"] for row in data["quiz_attempts"]] == [history["quiz_title"]]


def test_the_trainers_report_on_the_learner_still_lists_the_attempt(client, learner, history):
    trainer = TrainerFactory()
    cohort = cohort_create(name="Promotion A", created_by=trainer)
    Membership.objects.create(cohort=cohort, user=learner, source=Membership.Source.IMPORT)
    client.force_login(trainer)

    response = client.get(reverse("cohorts_admin:learner", args=[learner.pk]))

    assert [attempt.pk for attempt in response.context["attempts"]] == [history["attempt"].pk]
    assert history["quiz_title"] in visible_text(response.content.decode())


def test_the_result_page_of_a_deleted_quiz_is_gone_but_not_the_attempt(client, learner, history):
    client.force_login(learner)

    response = client.get(reverse("quizzes:review", kwargs={"attempt_id": history["attempt"].pk}))

    assert response.status_code == 404
    assert Attempt.objects.filter(pk=history["attempt"].pk).exists()


def test_the_migrations_backfill_the_titles_of_existing_records(learner):
    from importlib import import_module

    from django.apps import apps

    course = make_course(modules=1, lessons=1)
    module = modules_of(course)[0]
    lesson = lessons_of(module)[0]
    quiz = make_quiz(module, questions=[sample_question("true_false")], title="Quiz d’avant")
    lesson_complete(user=learner, lesson=lesson)
    attempt = attempt_start(user=learner, quiz=quiz)
    LessonProgress.objects.update(lesson_title="")
    Attempt.objects.update(quiz_title="")

    import_module("progress.migrations.0003_keep_progress_of_deleted_lessons").snapshot_lesson_titles(apps, None)
    import_module("quizzes.migrations.0003_keep_attempts_of_deleted_quizzes").snapshot_quiz_titles(apps, None)

    assert LessonProgress.objects.get(user=learner).lesson_title == lesson.title
    assert Attempt.objects.get(pk=attempt.pk).quiz_title == "Quiz d’avant"
