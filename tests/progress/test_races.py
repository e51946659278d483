"""Two tabs and double clicks: concurrent writes never duplicate a record nor lose a completion (PostgreSQL)."""

import pytest
from django.db import connection

from certificates.models import Certificate
from progress.models import CourseCompletion, LessonProgress, ModuleCompletion
from progress.services import lesson_complete, lesson_visit_record
from tests.factories import make_course
from tests.helpers import run_together

from .helpers import lessons_of, modules_of

THREADS = 10


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks and concurrent transactions need PostgreSQL.")


def run_without_errors(functions):
    """Run the functions together in threads (each with its own connection); none may raise."""
    _results, errors = run_together(functions)
    assert not errors, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_visits_record_the_lesson_once(postgres_only, learner):
    lesson = lessons_of(modules_of(make_course(modules=1, lessons=1))[0])[0]

    run_without_errors([lambda: lesson_visit_record(user=learner, lesson=lesson)] * THREADS)

    assert LessonProgress.objects.filter(user=learner, lesson=lesson).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_double_clicks_on_the_last_lesson_record_one_completion_and_one_certificate(postgres_only, learner):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(modules_of(course)[0])[0]

    run_without_errors([lambda: lesson_complete(user=learner, lesson=lesson)] * THREADS)

    record = LessonProgress.objects.get(user=learner, lesson=lesson)
    assert record.completed_at is not None
    assert ModuleCompletion.objects.filter(user=learner).count() == 1
    completion = CourseCompletion.objects.get(user=learner)
    assert Certificate.objects.filter(user=learner, course=course).count() == 1
    assert completion.completed_at == record.completed_at


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tabs_finishing_different_last_lessons_at_once_still_complete_the_module(postgres_only, learner):
    course = make_course(modules=1, lessons=THREADS)
    lessons = lessons_of(modules_of(course)[0])

    run_without_errors([lambda lesson=lesson: lesson_complete(user=learner, lesson=lesson) for lesson in lessons])

    assert LessonProgress.objects.filter(user=learner, completed_at__isnull=False).count() == THREADS
    assert ModuleCompletion.objects.filter(user=learner).count() == 1
    assert CourseCompletion.objects.filter(user=learner).count() == 1
    assert Certificate.objects.filter(user=learner).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_reviews_of_passing_attempts_issue_exactly_one_certificate(postgres_only, learner, trainer):
    from quizzes.grading import answer_right_build
    from quizzes.services import attempt_start, attempt_submit, writing_review_record
    from tests.factories import make_quiz, sample_question

    course = make_course(modules=1, lessons=1)
    module = modules_of(course)[0]
    quiz = make_quiz(module, questions=[sample_question("writing", points=4)])
    lesson_complete(user=learner, lesson=lessons_of(module)[0])
    attempts = []
    for _ in range(20):
        attempt = attempt_start(user=learner, quiz=quiz)
        answers = {spec["id"]: answer_right_build(question=spec) for spec in attempt.snapshot}
        attempts.append(attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers))

    run_without_errors(
        [
            lambda attempt=attempt: writing_review_record(
                attempt=attempt, question_id=attempt.snapshot[0]["id"], reviewer=trainer, points=4, feedback="Bien."
            )
            for attempt in attempts
        ]
    )

    assert ModuleCompletion.objects.filter(user=learner).count() == 1
    assert CourseCompletion.objects.filter(user=learner).count() == 1
    assert Certificate.objects.filter(user=learner).count() == 1
