"""A trainer reviews a learner's post: the mock preview, alt text, credit and the checklist the learner saw."""

import pytest
from django.urls import reverse

from quizzes.grading import answer_right_build
from quizzes.models import AttemptStatus
from quizzes.services import attempt_start, attempt_submit
from studio.checker import Brief
from studio.checklist import draft_check, network_rules
from tests.factories import make_course, make_quiz, sample_question

from .conftest import review_form_post

pytestmark = pytest.mark.django_db

POST_TEXT = "Le « Grand Paysage » est restauré : venez le voir en salle 4. #grandpaysagerestaure"
ALT = "Une restauratrice retouche au pinceau le ciel d’un grand paysage posé sur un chevalet."
CREDIT = "Jean Durand, Grand Paysage, 1860, domaine public. Photo : A. Martin"
# What the learner saw on the day (wording may change later: the stored words are what counts).
STORED_MESSAGE = "Message du vérificateur tel que l’apprenante l’a lu."


@pytest.fixture
def post_attempt(learner_a):
    course = make_course(modules=1, lessons=1)
    module = course.get_children().first().specific
    quiz = make_quiz(module, questions=[sample_question("single"), sample_question("post")], pass_mark=50)
    attempt = attempt_start(user=learner_a, quiz=quiz)
    answers = {}
    for spec in attempt.snapshot:
        if spec["type"] == "post":
            report = draft_check(
                text=POST_TEXT,
                alt_text=ALT,
                credit=CREDIT,
                network=network_rules("instagram"),
                brief=Brief(has_image=True, shows_artwork=True),
            )
            report["findings"][0]["message"] = STORED_MESSAGE
            answers[spec["id"]] = {"text": POST_TEXT, "alt_text": ALT, "credit": CREDIT, "report": report}
        else:
            answers[spec["id"]] = answer_right_build(question=spec)
    return attempt_submit(user=learner_a, attempt_id=attempt.pk, answers=answers)


def _post_id(attempt):
    return next(spec["id"] for spec in attempt.snapshot if spec["type"] == "post")


def test_the_trainer_sees_the_post_as_a_card_its_alt_text_credit_and_stored_checklist(client, trainer_a, post_attempt):
    client.force_login(trainer_a)

    queue = client.get(reverse("cohorts_admin:reviews")).content.decode()
    html = client.get(reverse("cohorts_admin:review", args=[post_attempt.pk])).content.decode()

    assert "Alice Apprenante" in queue
    assert 'class="post-card post-card--instagram"' in html
    assert "Le « Grand Paysage » est restauré" in html
    assert ALT in html and CREDIT in html
    assert STORED_MESSAGE in html  # the stored words, not a new check
    assert "Accroche claire" in html  # the rubric, for the trainer


def test_approving_the_post_grades_the_attempt_like_a_writing_exercise(client, trainer_a, post_attempt):
    client.force_login(trainer_a)
    question_id = _post_id(post_attempt)

    response = review_form_post(client, post_attempt, question_id, points="4", feedback="Très bien.")

    assert response.status_code == 302
    post_attempt.refresh_from_db()
    assert post_attempt.status == AttemptStatus.GRADED
    assert post_attempt.passed is True
    result = next(result for result in post_attempt.results if result["question_id"] == question_id)
    assert result["status"] == "correct" and result["points"] == "4.00"


def test_a_trainer_of_another_cohort_cannot_open_or_grade_the_post(client, trainer_b, post_attempt):
    client.force_login(trainer_b)
    question_id = _post_id(post_attempt)
    url = reverse("cohorts_admin:review", args=[post_attempt.pk])

    assert client.get(url).status_code == 404
    response = review_form_post(client, post_attempt, question_id, points="4")

    assert response.status_code == 404
    post_attempt.refresh_from_db()
    assert post_attempt.status == AttemptStatus.PENDING_REVIEW


def test_the_learner_sees_the_rubric_and_the_example_only_after_the_review(client, learner_a, trainer_a, post_attempt):
    from quizzes.services import writing_review_record

    client.force_login(learner_a)
    url = reverse("quizzes:review", args=[post_attempt.pk])
    before = client.get(url).content.decode()
    writing_review_record(
        attempt=post_attempt, question_id=_post_id(post_attempt), reviewer=trainer_a, points=3, feedback="Bien."
    )
    after = client.get(url).content.decode()

    assert STORED_MESSAGE in before and "Accroche claire" not in before
    assert "Accroche claire" in after and "Bien." in after
