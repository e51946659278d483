"""The item analysis read from the stored question results gives the textbook figures of the attempts' own results
(their JSON), and the store follows grading and review."""

import random
from collections import Counter

import pytest

from accounts.models import User
from cohorts.reports import quiz_analysis
from quizzes import services
from quizzes.grading import answer_right_build
from quizzes.models import AnsweredQuestion, Attempt, AttemptStatus
from quizzes.results import chosen_labels
from tests.cohorts.conftest import submit_writing, writing_question_id
from tests.factories import UserFactory, make_course, make_quiz, sample_question

from .textbook import analysis_figures, assert_same_figures, textbook_figures

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
def test_stored_results_give_the_textbook_figures_of_the_attempts(graded_quiz, all_attempts):
    attempts = Attempt.objects.filter(quiz=graded_quiz, status=AttemptStatus.GRADED)
    attempts = list(attempts if all_attempts else attempts.filter(number=1))
    marks = [{result["question_id"]: float(result["points"]) for result in a.results} for a in attempts]
    max_marks = {result["question_id"]: float(result["max_points"]) for a in attempts for result in a.results}
    chosen: dict[str, Counter] = {}
    for attempt in attempts:
        for spec in attempt.snapshot:
            labels = chosen_labels(spec=spec, answer=attempt.answers.get(spec["id"]))
            chosen.setdefault(spec["id"], Counter()).update(labels or ())

    analysis = quiz_analysis(quiz=graded_quiz, learners=User.objects.all(), all_attempts=all_attempts)

    assert analysis.test.attempt_count == (18 if all_attempts else 12)
    assert [q.question_id for q in analysis.questions] == [str(item["id"]) for item in graded_quiz.questions.raw_data]
    assert_same_figures(
        analysis_figures(analysis.test, [q.stats for q in analysis.questions]), textbook_figures(marks, max_marks)
    )
    specs = {spec["id"]: spec for spec in attempts[0].snapshot}
    for question in analysis.questions:
        spec = specs[question.question_id]
        assert (question.prompt, question.type) == (spec["prompt"], spec["type"])
        assert {option.label: option.count for option in question.options if option.count} == chosen[spec["id"]]
        assert all(option.share == option.count / len(attempts) for option in question.options)
    assert sum(bool(question.options) for question in analysis.questions) == 5  # single ×2, multiple, true/false, post


def test_attempt_waiting_for_review_is_stored_once_reviewed(writing_quiz, learner_a, trainer_a):
    attempt = submit_writing(writing_quiz, learner_a)
    assert not AnsweredQuestion.objects.filter(attempt=attempt).exists()

    services.writing_review_record(
        attempt=attempt, question_id=writing_question_id(attempt), reviewer=trainer_a, points=1, feedback="Bien."
    )

    stored = dict(AnsweredQuestion.objects.filter(attempt=attempt).values_list("question_id", "points"))
    assert set(stored) == {spec["id"] for spec in attempt.snapshot}
    assert stored[writing_question_id(attempt)] == 1.0
