"""Hostile answers in the attempt form: a French error next to the question, the other answers kept."""

from django.urls import reverse

from quizzes.forms import field_name
from quizzes.models import AttemptStatus
from tests.quizzes.helpers import post_data, question_of, start, visible_text


def test_superscript_digit_as_a_position_gives_a_french_error_not_a_python_one(logged_in, quiz):
    attempt = start(logged_in, quiz)
    ordering = question_of(attempt, "ordering")
    data = post_data(attempt)
    data[field_name(ordering["id"], ordering["items"][0]["key"])] = "²"

    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data)

    text = visible_text(response.content.decode())
    assert response.status_code == 200
    assert "Choisissez une position entre 1 et 4." in text
    assert "invalid literal" not in text
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_other_answers_are_kept_when_one_answer_is_refused(logged_in, quiz):
    attempt = start(logged_in, quiz)
    ordering = question_of(attempt, "ordering")
    short = question_of(attempt, "short_answer")
    data = post_data(attempt)
    data[field_name(short["id"])] = "MuseumWeek du printemps"
    data[field_name(ordering["id"], ordering["items"][0]["key"])] = "9" * 60_001

    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data)

    assert response.status_code == 200
    assert 'value="MuseumWeek du printemps"' in response.content.decode()


def test_nul_character_in_a_written_answer_is_refused_and_the_attempt_stays_usable(logged_in, writing_quiz):
    attempt = start(logged_in, writing_quiz)
    writing = question_of(attempt, "writing")
    data = post_data(attempt)
    data[field_name(writing["id"])] = "Bonjour\x00, nous comprenons votre colère."

    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data)

    text = visible_text(response.content.decode())
    assert response.status_code == 200
    assert "caractères de contrôle invisibles" in text
    assert "Bonjour, nous comprenons votre colère." in text
    data[field_name(writing["id"])] = "Bonjour, nous comprenons votre colère."
    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_submitted
    assert attempt.answers[writing["id"]] == "Bonjour, nous comprenons votre colère."
