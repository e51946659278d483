"""The result page leads on: the next module once passed, another try (with a new draw) or why not yet."""

import pytest
from django.urls import reverse

from course.models import ModulePage
from quizzes.models import Attempt
from tests.factories import make_course, make_quiz, sample_question
from tests.quizzes.helpers import post_data, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_modules():
    course = make_course(modules=2, lessons=1)
    first, second = ModulePage.objects.child_of(course).order_by("path")
    return first, second


def _result(client, quiz, answers):
    attempt = start(client, quiz)
    client.post(reverse("quizzes:attempt", args=[attempt.pk]), post_data(attempt, answers, confirm_incomplete="1"))
    html = client.get(reverse("quizzes:review", args=[attempt.pk])).content.decode()
    return html[html.index('id="next-step-title"') :]


def test_a_passed_quiz_leads_to_the_next_module(logged_in, two_modules):
    first, second = two_modules
    quiz = make_quiz(first, questions=[sample_question("single")])

    next_step = _result(logged_in, quiz, answers=None)

    assert f'href="{second.url}" rel="next"' in next_step
    assert "Continuer" in next_step


def test_a_failed_quiz_offers_to_try_again_with_a_new_attempt(logged_in, two_modules):
    quiz = make_quiz(two_modules[0], questions=[sample_question("single")], max_attempts=3)

    next_step = _result(logged_in, quiz, answers={})

    assert f'action="{reverse("quizzes:start", args=[quiz.pk])}"' in next_step
    assert "Réessayer" in next_step
    assert "Il vous reste 2 tentatives." in next_step
    logged_in.post(reverse("quizzes:start", args=[quiz.pk]))
    assert Attempt.objects.filter(quiz=quiz).count() == 2  # the button starts a new attempt


def test_a_failed_quiz_with_a_wait_says_when_the_next_try_opens(logged_in, two_modules):
    quiz = make_quiz(two_modules[0], questions=[sample_question("single")], wait_minutes=30)

    next_step = _result(logged_in, quiz, answers={})

    assert "Réessayer" not in next_step
    assert "Vous pourrez commencer une nouvelle tentative à partir du" in next_step


def test_passing_the_last_quiz_leads_to_the_dashboard(logged_in, two_modules):
    quiz = make_quiz(two_modules[1], questions=[sample_question("single")])

    next_step = _result(logged_in, quiz, answers=None)

    assert f'href="{reverse("progress:dashboard")}"' in next_step
