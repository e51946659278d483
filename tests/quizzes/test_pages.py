"""The learner's journey: start screen, attempt form, submission and review, as rendered pages."""

import pytest
from django.urls import reverse

from quizzes.models import Attempt, AttemptStatus
from tests.quizzes.helpers import post_data, start, visible_text


def test_anonymous_visitor_sees_the_intro_and_is_invited_to_log_in(client, quiz):
    quiz.intro = "Vérifiez vos acquis sur la stratégie."
    quiz.save_revision().publish()
    response = client.get(quiz.url)
    text = visible_text(response.content.decode())
    assert response.status_code == 200
    assert "Vérifiez vos acquis sur la stratégie." in text
    assert reverse("account_login") in response.content.decode()
    assert reverse("quizzes:start", args=[quiz.pk]) not in response.content.decode()


def test_anonymous_visitor_cannot_start_an_attempt(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Attempt.objects.exists()


def test_learner_takes_the_quiz_and_sees_the_review(logged_in, quiz, learner):
    page = logged_in.get(quiz.url)
    assert reverse("quizzes:start", args=[quiz.pk]) in page.content.decode()
    attempt = start(logged_in, quiz)
    form = logged_in.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert "Question 3 of 7" in visible_text(form.content.decode()) or "Question 3 sur 7" in visible_text(
        form.content.decode()
    )
    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), post_data(attempt))
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:review", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.passed is True
    review = logged_in.get(response["Location"])
    text = visible_text(review.content.decode())
    assert "100" in text
    assert "Les formats verticaux courts sont rois sur TikTok." in text  # explanation after submission
    history = visible_text(logged_in.get(quiz.url).content.decode())
    assert "100" in history


def test_start_screen_offers_to_continue_an_attempt_in_progress(logged_in, quiz):
    attempt = start(logged_in, quiz)
    page = logged_in.get(quiz.url).content.decode()
    assert reverse("quizzes:attempt", args=[attempt.pk]) in page
    assert start(logged_in, quiz).pk == attempt.pk


def test_missing_answers_re_render_the_form_with_linked_errors(logged_in, quiz):
    attempt = start(logged_in, quiz)
    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), {})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="form-errors"' in html
    first = attempt.snapshot[0]
    assert f'href="#{first["id"]}-' in html
    assert f'aria-describedby="question-{first["id"]}-error"' in html
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.answers == {}


def test_learner_may_submit_with_unanswered_questions_when_they_confirm(logged_in, quiz):
    attempt = start(logged_in, quiz)
    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), {"confirm_incomplete": "1"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.score == 0
    assert attempt.passed is False


@pytest.mark.parametrize(
    "value",
    ["not-a-key", ["a", "b"], "x" * 100_000],
)
def test_wrong_types_and_huge_values_get_a_form_error_not_a_500(logged_in, quiz, value):
    attempt = start(logged_in, quiz)
    data = post_data(attempt)
    single = next(spec for spec in attempt.snapshot if spec["type"] == "single")
    short = next(spec for spec in attempt.snapshot if spec["type"] == "short_answer")
    data[f"q-{single['id']}"] = value
    data[f"q-{short['id']}"] = value
    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
    assert response.status_code == 200
    assert 'id="form-errors"' in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_a_payload_over_the_upload_limit_is_refused_without_a_500(logged_in, quiz, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    attempt = start(logged_in, quiz)
    data = post_data(attempt)
    data["padding"] = "x" * 20_000
    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_ordering_and_matching_are_answered_with_select_lists(logged_in, quiz):
    attempt = start(logged_in, quiz)
    html = logged_in.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    ordering = next(spec for spec in attempt.snapshot if spec["type"] == "ordering")
    matching = next(spec for spec in attempt.snapshot if spec["type"] == "matching")
    for item in ordering["items"]:
        assert f'<select name="q-{ordering["id"]}-{item["key"]}"' in html
    for left in matching["lefts"]:
        assert f'<select name="q-{matching["id"]}-{left["key"]}"' in html
    assert html.count("<fieldset") == len(attempt.snapshot)
    assert html.count("<legend") == len(attempt.snapshot)


def test_best_post_options_are_drawn_as_post_cards(logged_in, quiz):
    attempt = start(logged_in, quiz)
    html = logged_in.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert html.count('class="post-card post-card--') == 2


def test_writing_review_shows_waiting_message_and_model_answer(logged_in, writing_quiz):
    attempt = start(logged_in, writing_quiz)
    data = post_data(attempt)
    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PENDING_REVIEW
    text = visible_text(logged_in.get(response["Location"]).content.decode())
    assert "Nous comprenons votre déception : le musée rouvre samedi." in text
    assert ("waiting for a trainer" in text.lower()) or ("attente" in text.lower())


def test_preview_modes_render_learner_view_and_answer_key(client, quiz, trainer):
    from wagtail.models import Page

    client.force_login(trainer)
    page = Page.objects.get(pk=quiz.pk).specific
    learner_view = page.make_preview_request(None, "")
    answer_key = page.make_preview_request(None, "answer_key")
    assert learner_view.status_code == 200
    assert answer_key.status_code == 200
    for response in (learner_view, answer_key):
        if hasattr(response, "render"):
            response.render()
    assert "Quel réseau privilégier" in learner_view.content.decode()
    assert "Les formats verticaux courts sont rois sur TikTok." not in learner_view.content.decode()
    assert "Les formats verticaux courts sont rois sur TikTok." in answer_key.content.decode()
