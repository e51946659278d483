"""The integrity rules of issue 6: each test fails if its protection is removed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes import services
from quizzes.models import Attempt, AttemptStatus
from tests.factories import PASSWORD, UserFactory, make_quiz, sample_question
from tests.helpers import course_and_learner_committed, run_together
from tests.quizzes.helpers import post_data, start

SECRETS = (
    "Les formats verticaux courts sont rois sur TikTok.",  # explanation
    "Oui, c'est son format.",  # option feedback
    "Hashtag illisible.",  # best-post feedback
    "Non : il faut choisir.",  # true/false feedback
    "#MuseumWeek",  # accepted short answer
    "correct",
    "Exact.",
)


def test_attempt_page_holds_no_right_answer_feedback_or_explanation(logged_in, quiz):
    attempt = start(logged_in, quiz)
    html = logged_in.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    for secret in SECRETS:
        assert secret not in html
    ordering = next(spec for spec in attempt.snapshot if spec["type"] == "ordering")
    item_keys_in_page = [item["key"] for item in ordering["items"]]
    # Items are never shown in the right order, and nothing names the right order.
    assert item_keys_in_page != ordering["correct_order"]
    assert "correct_order" not in html


def test_start_screen_holds_no_secret(logged_in, quiz):
    html = logged_in.get(quiz.url).content.decode()
    for secret in SECRETS:
        assert secret not in html


def test_another_users_attempt_is_404(client, logged_in, quiz):
    attempt = start(logged_in, quiz)
    other = UserFactory()
    client.logout()
    client.login(email=other.email, password=PASSWORD)
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("quizzes:attempt", args=[attempt.pk]), post_data(attempt)).status_code == 404
    assert client.get(reverse("quizzes:review", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_answers_to_unknown_questions_are_refused_and_nothing_is_stored(logged_in, quiz):
    attempt = start(logged_in, quiz)
    data = post_data(attempt)
    data["q-00000000-0000-0000-0000-000000000000"] = "x"
    response = logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.answers == {}
    assert attempt.submitted_at is None


def test_answers_to_unknown_items_are_refused(logged_in, quiz):
    attempt = start(logged_in, quiz)
    ordering = next(spec for spec in attempt.snapshot if spec["type"] == "ordering")
    data = post_data(attempt)
    data[f"q-{ordering['id']}-ffffffffffff"] = "1"
    assert logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data).status_code == 400
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_score_fields_sent_by_the_client_are_ignored(logged_in, quiz):
    attempt = start(logged_in, quiz)
    data = post_data(attempt, answers={}, confirm_incomplete="1", score="999", percent="100", passed="1")
    logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.score == 0
    assert attempt.percent == 0
    assert attempt.passed is False


def test_a_replayed_submit_is_refused_with_a_message(logged_in, quiz):
    attempt = start(logged_in, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    logged_in.post(url, post_data(attempt, answers={}, confirm_incomplete="1"))
    attempt.refresh_from_db()
    first_submitted_at = attempt.submitted_at
    response = logged_in.post(url, post_data(attempt), follow=True)
    attempt.refresh_from_db()
    assert response.redirect_chain[-1][0] == reverse("quizzes:review", args=[attempt.pk])
    assert any("already submitted" in str(m) or "déjà" in str(m) for m in response.context["messages"])
    assert attempt.score == 0
    assert attempt.submitted_at == first_submitted_at


def test_submitting_twice_through_the_service_grades_once(quiz, learner):
    attempt = services.attempt_start(user=learner, quiz=quiz)
    services.attempt_submit(user=learner, attempt_id=attempt.pk, answers={})
    with pytest.raises(services.AttemptClosedError):
        services.attempt_submit(user=learner, attempt_id=attempt.pk, answers={})


def test_answers_after_the_time_limit_and_grace_are_not_counted(module, learner):
    quiz = make_quiz(module, questions=[sample_question("single")], time_limit_minutes=10)
    started = timezone.now() - datetime.timedelta(minutes=11)
    attempt = services.attempt_start(user=learner, quiz=quiz, now=started)
    right = {spec["id"]: next(o["key"] for o in spec["options"] if o["correct"]) for spec in attempt.snapshot}
    attempt = services.attempt_submit(user=learner, attempt_id=attempt.pk, answers=right)
    assert attempt.late is True
    assert attempt.score == 0
    assert attempt.answers == {}


def test_answers_within_the_grace_period_are_counted(module, learner):
    quiz = make_quiz(module, questions=[sample_question("single")], time_limit_minutes=10)
    started = timezone.now() - datetime.timedelta(minutes=10, seconds=10)
    attempt = services.attempt_start(user=learner, quiz=quiz, now=started)
    right = {spec["id"]: next(o["key"] for o in spec["options"] if o["correct"]) for spec in attempt.snapshot}
    attempt = services.attempt_submit(user=learner, attempt_id=attempt.pk, answers=right)
    assert attempt.late is False
    assert attempt.passed is True


def test_opening_an_overdue_attempt_closes_it(logged_in, module, learner):
    quiz = make_quiz(module, questions=[sample_question("single")], time_limit_minutes=5)
    attempt = services.attempt_start(user=learner, quiz=quiz, now=timezone.now() - datetime.timedelta(minutes=6))
    response = logged_in.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert response["Location"] == reverse("quizzes:review", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.late is True


def test_attempts_limit_is_enforced_on_start(logged_in, module, learner):
    quiz = make_quiz(module, questions=[sample_question("single")], max_attempts=1)
    attempt = start(logged_in, quiz)
    logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), {"confirm_incomplete": "1"})
    response = logged_in.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1
    assert response.redirect_chain[-1][0] == quiz.url
    assert reverse("quizzes:start", args=[quiz.pk]) not in logged_in.get(quiz.url).content.decode()


def test_wait_between_attempts_is_enforced(module, learner):
    quiz = make_quiz(module, questions=[sample_question("single")], wait_minutes=60)
    now = timezone.now()
    attempt = services.attempt_start(user=learner, quiz=quiz, now=now)
    services.attempt_submit(user=learner, attempt_id=attempt.pk, answers={}, now=now)
    with pytest.raises(services.QuizError):
        services.attempt_start(user=learner, quiz=quiz, now=now + datetime.timedelta(minutes=59))
    again = services.attempt_start(user=learner, quiz=quiz, now=now + datetime.timedelta(minutes=61))
    assert again.number == 2


def test_editing_or_deleting_questions_changes_neither_past_scores_nor_reviews(logged_in, quiz, learner):
    attempt = start(logged_in, quiz)
    logged_in.post(reverse("quizzes:attempt", args=[attempt.pk]), post_data(attempt))
    attempt.refresh_from_db()
    before_review = logged_in.get(reverse("quizzes:review", args=[attempt.pk])).content.decode()
    score = attempt.score
    # The trainer rewrites the first question (TikTok is now wrong) and deletes all the others.
    edited = sample_question("single")
    edited[1]["prompt"] = "Question réécrite"
    edited[1]["explanation"] = "Explication nouvelle"
    quiz.questions = [edited]
    quiz.save_revision().publish()
    attempt.refresh_from_db()
    assert attempt.score == score
    after_review = logged_in.get(reverse("quizzes:review", args=[attempt.pk])).content.decode()
    assert "Question réécrite" not in after_review
    assert "Explication nouvelle" not in after_review
    assert "Les formats verticaux courts sont rois sur TikTok." in after_review
    assert before_review.count('class="review review--') == after_review.count('class="review review--') == 7


@pytest.fixture
def committed_quiz(django_db_setup, django_db_blocker):
    """A quiz and a learner committed to the database, so that other connections (threads) see them."""
    with course_and_learner_committed(django_db_blocker) as (course, learner):
        with django_db_blocker.unblock():
            quiz = make_quiz(
                course.get_children().first(), questions=[sample_question("single"), sample_question("ordering")]
            )
        yield quiz, learner


@pytest.mark.postgres
def test_twenty_concurrent_submits_give_one_graded_result(committed_quiz, django_db_blocker):
    quiz, learner = committed_quiz
    with django_db_blocker.unblock():
        attempt = services.attempt_start(user=learner, quiz=quiz)

        def submit():
            services.attempt_submit(user=learner, attempt_id=attempt.pk, answers={})
            return "graded"

        results, errors = run_together([submit] * 20)
        attempt.refresh_from_db()
    assert results == ["graded"]
    assert len(errors) == 19
    assert all(isinstance(error, services.AttemptClosedError) for error in errors), errors
    assert attempt.status == AttemptStatus.GRADED


@pytest.mark.postgres
def test_concurrent_starts_create_one_attempt(committed_quiz, django_db_blocker):
    quiz, learner = committed_quiz
    with django_db_blocker.unblock():
        results, errors = run_together([lambda: services.attempt_start(user=learner, quiz=quiz).pk] * 10)
        count = Attempt.objects.filter(user=learner, quiz=quiz).count()
    assert not errors, errors
    assert len(set(results)) == 1
    assert count == 1
