"""Certifying quizzes keep their answer key until the learner passes or runs out of attempts."""

import pytest
from django.urls import reverse

from quizzes.models import FeedbackPolicy, QuizPage
from tests.factories import make_quiz, sample_question
from tests.quizzes.helpers import post_data, start, visible_text

RIGHT_ANSWER_TEXT = "TikTok"  # the right option of sample_question("single"), shown as "Bonne réponse"
EXPLANATION = "Les formats verticaux courts sont rois sur TikTok."


@pytest.fixture
def certifying_quiz(module):
    return make_quiz(module, questions=[sample_question("single"), sample_question("true_false")], max_attempts=2)


def submit(client, quiz, answers):
    attempt = start(client, quiz)
    data = post_data(attempt, answers if answers is not None else None, confirm_incomplete="1")
    client.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
    response = client.get(reverse("quizzes:review", args=[attempt.pk]))
    return visible_text(response.content.decode())


def test_new_quizzes_reveal_answers_only_after_pass_or_exhausted_attempts(module):
    quiz = make_quiz(module)

    assert QuizPage.objects.get(pk=quiz.pk).feedback_policy == FeedbackPolicy.PASS_OR_EXHAUSTED


def test_blank_first_attempt_shows_which_questions_were_wrong_but_not_the_right_answers(logged_in, certifying_quiz):
    text = submit(logged_in, certifying_quiz, answers={})

    assert text.count("Sans réponse") == 2
    assert EXPLANATION not in text
    assert "Bonne réponse" not in text
    assert "une fois ce quiz réussi ou toutes vos tentatives utilisées" in text


def test_right_answers_and_explanations_are_shown_once_the_quiz_is_passed(logged_in, certifying_quiz):
    text = submit(logged_in, certifying_quiz, answers=None)

    assert EXPLANATION in text


def test_right_answers_are_shown_once_every_attempt_is_used(logged_in, certifying_quiz):
    submit(logged_in, certifying_quiz, answers={})

    text = submit(logged_in, certifying_quiz, answers={})

    assert EXPLANATION in text


def test_quiz_page_explains_the_answer_key_policy(logged_in, certifying_quiz):
    text = visible_text(logged_in.get(certifying_quiz.url).content.decode())

    assert "vous voyez les questions auxquelles vous avez mal répondu" in text
    assert "une fois le quiz réussi ou toutes vos tentatives utilisées" in text
