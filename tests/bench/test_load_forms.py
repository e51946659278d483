"""The load test's learners (bench/load_forms.py) read the real attempt form and submit a valid attempt."""

from django.test import Client
from django.urls import reverse

from bench.load_forms import answers_build, csrf_token
from quizzes.models import Attempt, AttemptStatus
from tests.factories import PASSWORD, make_course, make_quiz, sample_question
from tests.quizzes.conftest import ALL_TYPES


def test_answers_read_from_the_attempt_form_are_accepted_for_every_question_type(learner):
    module = make_course(modules=1, lessons=1).get_children().first()
    quiz = make_quiz(module, questions=[sample_question(kind) for kind in ALL_TYPES], shuffle_options=True)
    browser = Client(enforce_csrf_checks=True)
    browser.login(email=learner.email, password=PASSWORD)
    quiz_page = browser.get(quiz.url).content.decode()
    browser.post(reverse("quizzes:start", args=[quiz.pk]), {"csrfmiddlewaretoken": csrf_token(quiz_page)})
    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    attempt_url = reverse("quizzes:attempt", args=[attempt.pk])
    form = browser.get(attempt_url).content.decode()

    data: dict[str, list[str]] = {"csrfmiddlewaretoken": [csrf_token(form)]}
    for name, value in answers_build(form):
        data.setdefault(name, []).append(value)
    response = browser.post(attempt_url, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:review", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PENDING_REVIEW  # graded, the writing answer waits for a trainer
    assert set(attempt.answers) == {question["id"] for question in attempt.snapshot}
