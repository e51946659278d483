"""Services and selectors other apps rely on: outcomes, trainers' reviews, the bank."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes import selectors, services
from quizzes.blocks import QuestionStreamBlock, SingleChoiceBlock
from quizzes.models import AttemptStatus, QuestionBankItem
from tests.factories import PASSWORD, QUESTION_TYPES, make_quiz, sample_question
from tests.quizzes.helpers import post_data, visible_text


def submit(learner, quiz, answers=None, right=False):
    attempt = services.attempt_start(user=learner, quiz=quiz)
    if right:
        from quizzes.grading import answer_right_build

        answers = {spec["id"]: answer_right_build(question=spec) for spec in attempt.snapshot}
    return services.attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers or {})


def test_outcomes_report_best_percent_and_pass_in_one_query(quiz, module, learner, django_assert_num_queries):
    other = make_quiz(module, questions=[sample_question("single")])
    submit(learner, quiz)
    submit(learner, quiz, right=True)
    with django_assert_num_queries(1):
        outcomes = selectors.quiz_outcomes_get(user=learner, quiz_ids=[quiz.pk, other.pk])
    assert outcomes[quiz.pk].attempt_count == 2
    assert outcomes[quiz.pk].best_percent == Decimal("100.00")
    assert outcomes[quiz.pk].passed is True
    assert outcomes[other.pk].attempt_count == 0
    assert outcomes[other.pk].passed is False
    assert outcomes[other.pk].best_percent is None


def test_a_writing_exercise_waiting_for_review_is_pending_never_passed(writing_quiz, learner, trainer):
    attempt = submit(learner, writing_quiz, answers={})
    attempt = submit(learner, writing_quiz, right=True) if attempt.status != "pending_review" else attempt
    assert attempt.status == AttemptStatus.PENDING_REVIEW
    assert attempt.passed is None
    outcome = selectors.quiz_outcomes_get(user=learner, quiz_ids=[writing_quiz.pk])[writing_quiz.pk]
    assert outcome.passed is False
    assert outcome.pending_review is True
    assert outcome.status == "pending_review"
    assert list(selectors.writing_reviews_pending()) == [attempt]

    writing_id = next(spec["id"] for spec in attempt.snapshot if spec["type"] == "writing")
    services.writing_review_record(
        attempt=attempt, question_id=writing_id, reviewer=trainer, points=0, feedback="À reprendre.", ask_retry=True
    )
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.retry_requested is True
    assert attempt.passed is False
    outcome = selectors.quiz_outcomes_get(user=learner, quiz_ids=[writing_quiz.pk])[writing_quiz.pk]
    assert outcome.passed is False
    assert outcome.status == "not_passed"
    assert list(selectors.writing_reviews_pending()) == []


def test_a_review_regrades_the_attempt_and_the_learner_sees_it(client, writing_quiz, learner, trainer):
    attempt = submit(learner, writing_quiz, right=True)
    writing_id = next(spec["id"] for spec in attempt.snapshot if spec["type"] == "writing")
    services.writing_review_record(
        attempt=attempt, question_id=writing_id, reviewer=trainer, points=3, feedback="Très bon ton."
    )
    attempt.refresh_from_db()
    assert attempt.score == Decimal("4.00")  # 1 (single) + 3 (writing)
    assert attempt.passed is True
    client.login(email=learner.email, password=PASSWORD)
    text = visible_text(client.get(reverse("quizzes:review", args=[attempt.pk])).content.decode())
    assert "Très bon ton." in text


def test_a_review_refuses_points_above_the_question_and_non_writing_questions(writing_quiz, learner, trainer):
    attempt = submit(learner, writing_quiz, right=True)
    writing_id = next(spec["id"] for spec in attempt.snapshot if spec["type"] == "writing")
    single_id = next(spec["id"] for spec in attempt.snapshot if spec["type"] == "single")
    with pytest.raises(ValueError):
        services.writing_review_record(attempt=attempt, question_id=writing_id, reviewer=trainer, points=5, feedback="")
    with pytest.raises(ValueError):
        services.writing_review_record(attempt=attempt, question_id=single_id, reviewer=trainer, points=1, feedback="")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PENDING_REVIEW
    assert not attempt.writing_reviews.exists()


def test_a_retry_asked_by_a_trainer_gives_one_more_attempt(module, learner, trainer):
    quiz = make_quiz(module, questions=[sample_question("writing")], max_attempts=1)
    attempt = submit(learner, quiz, right=True)
    writing_id = attempt.snapshot[0]["id"]
    services.writing_review_record(
        attempt=attempt, question_id=writing_id, reviewer=trainer, points=0, feedback="", ask_retry=True
    )
    assert services.attempt_start(user=learner, quiz=quiz).number == 2


def test_bank_questions_are_asked_and_snapshotted(module, learner):
    item = QuestionBankItem.objects.create(title="Réseau vidéo", topic="Réseaux", question=[sample_question("single")])
    quiz = make_quiz(module, questions=[("bank", item), sample_question("true_false")])
    attempt = services.attempt_start(user=learner, quiz=quiz)
    assert [spec["type"] for spec in attempt.snapshot] == ["single", "true_false"]
    assert attempt.snapshot[0]["bank_item_id"] == item.pk
    item.delete()
    attempt.refresh_from_db()
    assert attempt.snapshot[0]["prompt"] == sample_question("single")[1]["prompt"]


def test_a_quiz_without_questions_cannot_be_started(module, learner):
    quiz = make_quiz(module, questions=[])
    with pytest.raises(services.QuizError):
        services.attempt_start(user=learner, quiz=quiz)


@pytest.mark.parametrize(
    ("corrects", "valid"),
    [((True, False, False), True), ((True, True, False), False), ((False, False, False), False)],
)
def test_single_choice_block_needs_exactly_one_right_answer(corrects, valid):
    block = SingleChoiceBlock()
    value = block.to_python(
        {
            "prompt": "?",
            "points": 1,
            "options": [{"text": f"R{n}", "correct": c, "feedback": ""} for n, c in enumerate(corrects)],
        }
    )
    if valid:
        block.clean(value)
    else:
        with pytest.raises(ValidationError):
            block.clean(value)


def test_every_question_type_is_a_block_of_the_quiz_stream():
    assert set(QuestionStreamBlock().child_blocks) == QUESTION_TYPES | {"bank"}


@pytest.mark.parametrize("page", ["quiz", "attempt", "review"])
def test_pages_make_the_same_number_of_queries_for_5_and_40_questions(
    client, module, learner, page, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.login(email=learner.email, password=PASSWORD)
    counts = []
    # Writing first: both quizzes hold one, so both results are in the same state (waiting for review).
    kinds = ("writing", "single", "multiple", "true_false", "ordering", "matching", "best_post", "short_answer")
    for size in (5, 40):
        quiz = make_quiz(module, questions=[sample_question(kinds[n % len(kinds)]) for n in range(size)])
        attempt = services.attempt_start(user=learner, quiz=quiz)
        if page == "review":
            client.post(reverse("quizzes:attempt", args=[attempt.pk]), post_data(attempt))
        url = {
            "quiz": quiz.url,
            "attempt": reverse("quizzes:attempt", args=[attempt.pk]),
            "review": reverse("quizzes:review", args=[attempt.pk]),
        }[page]
        client.get(url)  # warm per-process caches (site root, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # The quiz page includes Wagtail's routing (one query per level of the tree) and the header's checks.
    with django_assert_max_num_queries(22 if page == "quiz" else 12):
        client.get(url)
