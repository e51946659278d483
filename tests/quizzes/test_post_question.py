"""The « write a post » question: its spec, the learner's form, the checklist stored with the answer."""

import random
from pathlib import Path

import pytest
from django.urls import reverse

from guide.errors import ContentErrors
from guide.parsing import course_read
from quizzes.blocks import QuestionTypesStreamBlock
from quizzes.forms import AttemptForm, UnknownQuestionError
from quizzes.grading import Status, grade_question
from quizzes.models import Attempt, AttemptStatus
from quizzes.question_types import question_type_get
from quizzes.questions import question_public, question_spec_build
from quizzes.services import attempt_start
from tests.factories import make_quiz, sample_question

from .content import content_with_quiz_question
from .helpers import visible_text

FLAWED_TEXT = "Le Grand Paysage est restauré ! Venez le voir en salle 4. #grandpaysagerestaure"
GOOD_TEXT = "Le « Grand Paysage » est restauré : venez le voir en salle 4 dès samedi. #GrandPaysage"
GOOD_ALT = "Une restauratrice retouche au pinceau le ciel d’un grand paysage posé sur un chevalet."
GOOD_CREDIT = "Jean Durand, Grand Paysage, 1860, domaine public. Photo : Musée de l’Estuaire / A. Martin"


def _spec(**overrides):
    _kind, value = sample_question("post", **overrides)
    return question_spec_build(question_id="p1", block_type="post", value=value, rng=random.Random(1))


# -- the spec --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"network": "myspace"}, "network"),
        ({"network": ""}, "network"),
        ({"brief": "  "}, "brief"),
    ],
)
def test_a_post_question_that_cannot_be_answered_is_refused(overrides, problem):
    with pytest.raises(ValueError, match=problem):
        _spec(**overrides)


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({}, ("text", "alt_text", "credit")),
        ({"shows_artwork": False}, ("text", "alt_text")),
        ({"image_description": ""}, ("text", "credit")),
        ({"image_description": "", "shows_artwork": False}, ("text",)),
    ],
)
def test_the_learner_fills_the_fields_the_brief_asks_for(overrides, fields):
    public = question_public(_spec(**overrides))

    assert question_type_get("post").field_keys(public) == fields


def test_the_learner_never_receives_the_rubric_or_the_example_post():
    spec = _spec()
    public = question_public(spec)

    assert spec["rubric"] and spec["model_answer"]
    assert "rubric" not in public and "model_answer" not in public
    assert "Accroche claire" not in str(public) and spec["model_answer"] not in str(public)
    assert public["brief"] == spec["brief"] and public["network"] == "instagram"


# -- the form ---------------------------------------------------------------------------------------


def _clean(public, **fields):
    data = {f"q-{public['id']}-{key}": value for key, value in fields.items()}
    form = AttemptForm(questions=[public], data=data, allow_incomplete=True)
    return form


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"text": "", "alt_text": "", "credit": ""}, None),  # unanswered
        ({"text": "", "alt_text": GOOD_ALT, "credit": ""}, "Écrivez le texte de votre publication."),
        ({"text": "Bonjour\x01", "alt_text": "", "credit": ""}, "caractères de contrôle invisibles"),
        ({"text": "a" * 5001, "alt_text": "", "credit": ""}, "5000"),
        ({"text": GOOD_TEXT, "alt_text": "a" * 1001, "credit": ""}, "1000"),
    ],
)
@pytest.mark.django_db  # the checker reads the network's rules and the charter from the database
def test_bad_input_is_refused_with_a_reason_and_the_typing_kept(fields, error):
    public = question_public(_spec())

    form = _clean(public, **fields)

    if error is None:
        assert form.is_valid() and public["id"] not in form.answers
    else:
        assert error in form.errors[public["id"]]
        row = form.rows()[0]
        kept = {field["key"]: field["value"] for field in row["post_fields"]}
        assert kept["alt_text"] == fields["alt_text"][:1001]


@pytest.mark.django_db
def test_an_answer_stores_the_checklist_computed_on_the_server():
    public = question_public(_spec())

    form = _clean(public, text=f"  {FLAWED_TEXT}  ", alt_text="", credit=GOOD_CREDIT)

    answer = form.answers[public["id"]]
    assert answer["text"] == FLAWED_TEXT and answer["credit"] == GOOD_CREDIT
    rules = {finding["rule"] for finding in answer["report"]["findings"]}
    assert {"hashtag-camel-case", "alt-missing"} <= rules
    assert answer["report"]["length"]["count"] == len(FLAWED_TEXT)


def test_a_browser_cannot_send_its_own_report():
    public = question_public(_spec())
    data = {f"q-{public['id']}-text": GOOD_TEXT, f"q-{public['id']}-report": "{}"}

    with pytest.raises(UnknownQuestionError, match="report"):
        AttemptForm(questions=[public], data=data, allow_incomplete=True)


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ({"text": GOOD_TEXT, "alt_text": "", "credit": ""}, Status.PENDING_REVIEW),
        ({"text": "", "alt_text": GOOD_ALT, "credit": ""}, Status.INCORRECT),
        ("just a string", Status.INCORRECT),
        (None, Status.UNANSWERED),
    ],
)
def test_a_post_waits_for_a_trainer_and_anything_else_earns_nothing(answer, status):
    assert grade_question(question=_spec(), answer=answer).status == status


# -- the attempt page -----------------------------------------------------------------------------


@pytest.fixture
def post_quiz(module):
    return make_quiz(module, questions=[sample_question("single"), sample_question("post")], title="Publier")


@pytest.fixture
def attempt(post_quiz, learner):
    return attempt_start(user=learner, quiz=post_quiz)


def _post_id(attempt):
    return next(spec["id"] for spec in attempt.snapshot if spec["type"] == "post")


def test_the_attempt_page_shows_the_brief_and_labelled_fields_but_not_the_rubric(client, learner, attempt):
    client.force_login(learner)
    question_id = _post_id(attempt)

    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()

    assert "Annoncez sur Instagram la restauration" in html
    assert f'<label for="{question_id}-alt_text">Texte alternatif de l’image</label>' in html
    assert f'<label for="{question_id}-credit">Ligne de crédit</label>' in html
    assert "Accroche claire" not in html and "retrouve ses couleurs" not in html
    assert "js/post-check.js" in html


def test_check_my_post_shows_the_checklist_keeps_the_text_and_grades_nothing(client, learner, attempt):
    client.force_login(learner)
    question_id = _post_id(attempt)

    response = client.post(
        reverse("quizzes:attempt", args=[attempt.pk]),
        {f"q-{question_id}-text": FLAWED_TEXT, f"q-{question_id}-alt_text": "", "check_post": question_id},
    )

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Ce que le vérificateur a relevé" in text
    assert "Décrivez l’image dans son texte alternatif." in text
    assert FLAWED_TEXT in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS and attempt.answers == {}


def test_submitting_stores_the_checklist_and_waits_for_review(client, learner, attempt):
    client.force_login(learner)
    question_id = _post_id(attempt)
    single = next(spec for spec in attempt.snapshot if spec["type"] == "single")
    right = next(option["key"] for option in single["options"] if option["correct"])

    response = client.post(
        reverse("quizzes:attempt", args=[attempt.pk]),
        {
            f"q-{single['id']}": right,
            f"q-{question_id}-text": FLAWED_TEXT,
            f"q-{question_id}-alt_text": "",
            f"q-{question_id}-credit": GOOD_CREDIT,
        },
    )

    assert response.status_code == 302
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.status == AttemptStatus.PENDING_REVIEW
    stored = attempt.answers[question_id]
    assert stored["text"] == FLAWED_TEXT
    assert "alt-missing" in {finding["rule"] for finding in stored["report"]["findings"]}
    review = visible_text(client.get(response.url).content.decode())
    assert "Décrivez l’image dans son texte alternatif." in review  # the learner sees the stored checklist
    assert "En attente de la correction d’un formateur." in review
    assert "Accroche claire" not in review  # the rubric waits for the trainer's review


# -- the content loader and the editor ----------------------------------------------------------------


def _quiz_with_post_question(tmp_path: Path, network: str) -> Path:
    return content_with_quiz_question(
        tmp_path,
        f"""
  - key: crise-publication
    type: post
    prompt: Rédigez le message d'excuse.
    explanation: Reconnaître, expliquer, proposer.
    brief: Le musée a fermé sans prévenir ; excusez-vous sur Mastodon.
    network: {network}
    rubric:
      - criterion: Le ton reconnaît la gêne
        points: 2
""",
    )


def test_the_content_loader_reads_a_post_question(tmp_path):
    course = course_read(_quiz_with_post_question(tmp_path, "mastodon"))

    quiz = next(quiz for quiz in course.quizzes if quiz.source.parent.name == "05-gestion-de-crise")
    question = next(question for question in quiz.questions if question.key == "crise-publication")
    assert question.type == "post"
    assert question.value["brief"] == "Le musée a fermé sans prévenir\u00a0; excusez-vous sur Mastodon."
    assert question.value["network"] == "mastodon"
    assert question.value["rubric"] == [{"criterion": "Le ton reconnaît la gêne", "points": 2}]


def test_the_content_loader_refuses_a_network_the_studio_does_not_know(tmp_path):
    with pytest.raises(ContentErrors) as excinfo:
        course_read(_quiz_with_post_question(tmp_path, "myspace"))

    [error] = [str(error) for error in excinfo.value.errors]
    assert error.startswith("content/05-gestion-de-crise/quiz.yaml:")
    assert "« myspace »" in error


def test_the_editor_s_block_builds_a_question_the_engine_accepts():
    block = QuestionTypesStreamBlock().child_blocks["post"]
    value = block.clean(block.to_python(sample_question("post")[1]))

    spec = question_spec_build(question_id="q", block_type="post", value=block.get_prep_value(value))

    assert spec["network"] == "instagram" and spec["has_image"] and spec["shows_artwork"]
