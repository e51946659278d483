"""The item analysis read from the stored question results gives the same figures as the one computed from every
attempt's JSON snapshot, and the store follows grading and review."""

import random

import pytest

from accounts.models import User
from cohorts.reports import quiz_analysis, quiz_analysis_from_snapshots
from quizzes import services
from quizzes.grading import answer_right_build
from quizzes.models import AnsweredQuestion
from tests.cohorts.conftest import submit_writing, writing_question_id
from tests.factories import UserFactory, make_course, make_quiz, sample_question

pytestmark = pytest.mark.django_db

KINDS = ("single", "multiple", "true_false", "best_post", "ordering", "matching", "short_answer", "single")


def _wrong_or_right(spec, rng):
    right = answer_right_build(question=spec)
    if rng.random() < 0.6:
        return right
    if spec["type"] in ("single", "best_post"):
        return rng.choice([option["key"] for option in spec["options"]])
    if spec["type"] == "multiple":
        return [option["key"] for option in spec["options"] if rng.random() < 0.5]
    if spec["type"] == "true_false":
        return rng.choice(["true", "false"])
    return right if isinstance(right, dict) else ""


@pytest.fixture
def graded_quiz():
    """A 8-question quiz of every kind, answered by 12 learners (some twice), right or wrong at random."""
    course = make_course(modules=1, lessons=1)
    module = course.get_children().first().specific
    quiz = make_quiz(module, questions=[sample_question(kind) for kind in KINDS], max_attempts=None)
    rng = random.Random(16)
    for number in range(12):
        learner = UserFactory()
        for _ in range(1 + number % 2):
            attempt = services.attempt_start(user=learner, quiz=quiz)
            answers = {spec["id"]: _wrong_or_right(spec, rng) for spec in attempt.snapshot}
            services.attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers)
    return quiz


@pytest.mark.parametrize("all_attempts", [False, True])
def test_stored_results_give_the_same_analysis_as_the_snapshots(graded_quiz, all_attempts):
    learners = User.objects.all()

    stored = quiz_analysis(quiz=graded_quiz, learners=learners, all_attempts=all_attempts)
    reference = quiz_analysis_from_snapshots(quiz=graded_quiz, learners=learners, all_attempts=all_attempts)

    assert stored.test == reference.test
    assert [q.question_id for q in stored.questions] == [q.question_id for q in reference.questions]
    for mine, theirs in zip(stored.questions, reference.questions, strict=True):
        assert (mine.prompt, mine.type, mine.stats) == (theirs.prompt, theirs.type, theirs.stats)
        assert mine.options == theirs.options
    assert any(q.options for q in stored.questions)
    assert stored.test.attempt_count == (18 if all_attempts else 12)


def test_attempt_waiting_for_review_is_stored_once_reviewed(writing_quiz, learner_a, trainer_a):
    attempt = submit_writing(writing_quiz, learner_a)
    assert not AnsweredQuestion.objects.filter(attempt=attempt).exists()

    services.writing_review_record(
        attempt=attempt, question_id=writing_question_id(attempt), reviewer=trainer_a, points=1, feedback="Bien."
    )

    stored = dict(AnsweredQuestion.objects.filter(attempt=attempt).values_list("question_id", "points"))
    assert set(stored) == {spec["id"] for spec in attempt.snapshot}
    assert stored[writing_question_id(attempt)] == 1.0
