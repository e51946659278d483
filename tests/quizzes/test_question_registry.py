"""The question-type registry: every type lives in it, and a new type works end to end without engine edits.

``NumberQuestion`` below is a throwaway type written only with the public protocol of
``quizzes.question_types.base``; the tests register it and go through the form, grading, review, answer key,
content loader and item analysis, none of which names it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from django.template.loader import get_template
from django.urls import reverse

from accounts.models import User
from cohorts.reports import quiz_analysis
from guide.errors import ContentErrors
from guide.parsing import course_read
from quizzes.forms import AttemptForm
from quizzes.grading import Status, answer_right_build, grade_question
from quizzes.models import Attempt, AttemptStatus
from quizzes.question_types import (
    UnknownQuestionType,
    question_type_get,
    question_type_names,
    question_type_register,
    question_type_registered,
)
from quizzes.question_types.base import (
    AnswerSource,
    AnswerValue,
    BuildContext,
    ContentReader,
    JSONDict,
    QuestionSpec,
    QuestionType,
    SourceMapping,
    field_name,
    text,
)
from quizzes.questions import question_public, question_review_build, question_spec_build, snapshot_build
from quizzes.results import answered_questions_record, chosen_labels
from tests.factories import make_course, make_quiz

from .content import content_with_quiz_question
from .helpers import visible_text

EXISTING = ("single", "multiple", "true_false", "ordering", "matching", "best_post", "short_answer", "writing", "post")


def _number(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


class NumberQuestion(QuestionType):
    """An estimate: right when within ``tolerance`` of ``answer``. Answer: the number typed, as text."""

    name = "number"
    form_template = "quizzes/includes/question_short_answer.html"
    review_template = "quizzes/includes/review/short_answer.html"
    loader_required = ("answer",)
    loader_optional = ("tolerance",)

    def spec_build(self, *, value: Mapping[str, Any], context: BuildContext) -> JSONDict:
        answer, tolerance = _number(value.get("answer")), _number(value.get("tolerance") or 0)
        if answer is None or tolerance is None or tolerance < 0:
            raise ValueError("A number question needs its answer and a tolerance of zero or more.")
        return {"answer": str(answer), "tolerance": str(tolerance), "max_length": 20}

    def public(self, spec: QuestionSpec) -> JSONDict:
        return {"max_length": spec["max_length"]}

    def clean(self, *, question: QuestionSpec, source: AnswerSource) -> AnswerValue:
        value = source.one(field_name(question["id"])).strip()
        source.keep(question["id"], value)
        if not value:
            return None
        if _number(value) is None:
            raise ValueError("Type a number.")
        return value

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        given = _number(answer) if isinstance(answer, str) else None
        if given is None:
            return Fraction(0)
        return Fraction(1) if abs(given - Decimal(spec["answer"])) <= Decimal(spec["tolerance"]) else Fraction(0)

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        return str(spec["answer"])

    def review(self, *, spec: QuestionSpec, answer: Any, reveal: bool) -> JSONDict:
        row: JSONDict = {"text": answer if isinstance(answer, str) else ""}
        if reveal:
            row["accepted"] = [f"{spec['answer']} ± {spec['tolerance']}"]
        return row

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        if _number(data["answer"]) is None:
            reader.error(path, data.line_of("answer"), "« answer » must be a number")
        return {"answer": text(data["answer"]), "tolerance": text(data.get("tolerance", "0"))}


NUMBER_VALUE = {
    "prompt": "Combien de publications par semaine votre musée vise-t-il ?",
    "explanation": "La ligne éditoriale fixe un rythme tenable.",
    "points": 2,
    "answer": "17.5",
    "tolerance": "0.5",
}


@pytest.fixture
def number_type():
    with question_type_registered(NumberQuestion()) as question_type:
        yield question_type


def test_every_existing_type_is_registered_with_templates_that_exist():
    assert question_type_names() == EXISTING
    for name in EXISTING:
        question_type = question_type_get(name)
        get_template(question_type.form_template)
        get_template(question_type.review_template)


def test_an_unknown_type_is_refused_and_a_name_cannot_be_registered_twice(number_type):
    with pytest.raises(UnknownQuestionType):
        question_type_get("crisis_step")
    with pytest.raises(ValueError, match="already registered"):
        question_type_register(NumberQuestion())
    with pytest.raises(ValueError, match="Unknown question type"):
        question_spec_build(question_id="x", block_type="crisis_step", value={"prompt": "?"})


def test_a_type_registered_for_a_block_is_gone_after_it():
    with question_type_registered(NumberQuestion()):
        assert "number" in question_type_names()
    assert "number" not in question_type_names()


def test_a_new_type_builds_a_spec_whose_public_view_keeps_its_answer_secret(number_type):
    spec = question_spec_build(question_id="n1", block_type="number", value=NUMBER_VALUE, rng=random.Random(3))

    assert spec["answer"] == "17.5"
    assert question_public(spec) == {
        "id": "n1",
        "type": "number",
        "prompt": NUMBER_VALUE["prompt"],
        "points": 2,
        "max_length": 20,
    }
    assert grade_question(question=spec, answer=answer_right_build(question=spec)).status == Status.CORRECT
    assert grade_question(question=spec, answer="19").status == Status.INCORRECT


def test_the_form_refuses_an_unreadable_answer_of_a_new_type_and_keeps_what_was_typed(number_type):
    spec = question_spec_build(question_id="n1", block_type="number", value=NUMBER_VALUE)
    form = AttemptForm(questions=[question_public(spec)], data={"q-n1": "dix-sept"})

    assert not form.is_valid()
    assert form.errors == {"n1": "Type a number."}
    row = form.rows()[0]
    assert row["value"] == "dix-sept"
    assert row["form_template"] == "quizzes/includes/question_short_answer.html"


@pytest.fixture
def number_attempt(learner, number_type):
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(course.get_children().first(), pass_mark=50)
    snapshot = snapshot_build(entries=[{"id": "n1", "type": "number", "value": NUMBER_VALUE}], rng=random.Random(7))
    return Attempt.objects.create(user=learner, quiz=quiz, number=1, snapshot=snapshot, pass_mark=quiz.pass_mark)


def test_a_learner_answers_a_question_of_a_new_type_and_sees_it_graded(client, learner, number_attempt):
    client.force_login(learner)
    url = reverse("quizzes:attempt", kwargs={"attempt_id": number_attempt.pk})

    page = client.get(url).content.decode()
    assert NUMBER_VALUE["prompt"] in visible_text(page)
    assert 'name="q-n1"' in page
    assert "17.5" not in page and NUMBER_VALUE["explanation"] not in page

    refused = client.post(url, {"q-n1": "beaucoup"})
    assert refused.status_code == 200
    assert "Type a number." in refused.content.decode()

    response = client.post(url, {"q-n1": "17,2"})
    assert response.status_code == 302
    number_attempt.refresh_from_db()
    assert number_attempt.status == AttemptStatus.GRADED
    assert number_attempt.answers == {"n1": "17,2"}
    assert number_attempt.score == Decimal("2.00") and number_attempt.passed is True

    review = visible_text(client.get(response["Location"]).content.decode())
    assert "17,2" in review
    assert "17.5 ± 0.5" in review  # revealed once passed (the quiz's default policy)
    assert NUMBER_VALUE["explanation"] in review


def test_the_answer_key_and_the_item_analysis_handle_a_new_type(learner, number_attempt):
    spec = number_attempt.snapshot[0]
    row = question_review_build(spec=spec, answer=None, result=None, reveal=True, number=1)
    assert row["review_template"] == "quizzes/includes/review/short_answer.html"
    assert row["accepted"] == ["17.5 ± 0.5"]

    number_attempt.answers = {"n1": "17"}
    number_attempt.results = [grade_question(question=spec, answer="17").as_dict()]
    number_attempt.status = AttemptStatus.GRADED
    number_attempt.save()
    answered_questions_record(attempt=number_attempt)  # what grading stores for the item analysis
    analysis = quiz_analysis(quiz=number_attempt.quiz, learners=User.objects.filter(pk=learner.pk))

    [question] = analysis.questions
    assert (question.question_id, question.type, question.prompt) == ("n1", "number", NUMBER_VALUE["prompt"])
    assert question.stats.facility == 1.0
    assert question.options == []  # not a choice type: no answer frequencies
    assert chosen_labels(spec=spec, answer="17") is None  # nor any option stored as chosen


def _quiz_with_number_question(tmp_path: Path, answer: str) -> Path:
    return content_with_quiz_question(
        tmp_path,
        "  - key: crise-nombre\n    type: number\n    prompt: Combien de messages en une heure ?\n"
        + f"    explanation: Un ordre de grandeur suffit.\n    answer: {answer}\n    tolerance: 5\n",
    )


def test_the_content_loader_reads_a_question_of_a_new_type(tmp_path, number_type):
    course = course_read(_quiz_with_number_question(tmp_path, "40"))

    quiz = next(quiz for quiz in course.quizzes if quiz.source.parent.name == "05-gestion-de-crise")
    question = next(question for question in quiz.questions if question.key == "crise-nombre")
    assert question.type == "number"
    assert question.value == {
        "prompt": "Combien de messages en une heure\u00a0?",  # French typography, as every prompt
        "explanation": "Un ordre de grandeur suffit.",
        "points": 1,
        "answer": "40",
        "tolerance": "5",
    }


def test_the_content_loader_reports_a_new_type_s_own_errors_with_the_line(tmp_path, number_type):
    content = _quiz_with_number_question(tmp_path, "quarante")

    with pytest.raises(ContentErrors) as excinfo:
        course_read(content)

    errors = [str(error) for error in excinfo.value.errors]
    assert len(errors) == 1
    assert errors[0].startswith("content/05-gestion-de-crise/quiz.yaml:")
    assert "« answer » must be a number" in errors[0]


@pytest.mark.parametrize(
    ("block_type", "rights"),
    [
        ("single", [True, False, False]),
        ("single", [True, True, False]),
        ("single", [False, False]),
        ("single", [True]),
        ("multiple", [True, True, False]),
        ("multiple", [False, False]),
        ("multiple", [True]),
    ],
)
def test_the_editor_and_the_engine_accept_the_same_choice_questions(block_type, rights):
    from wagtail.blocks import StructBlockValidationError

    from quizzes.blocks import QuestionTypesStreamBlock

    raw = {
        "prompt": "Quel réseau ?",
        "explanation": "",
        "points": 1,
        "scoring": "all_or_nothing",
        "options": [{"text": f"Réponse {n}", "correct": right, "feedback": ""} for n, right in enumerate(rights)],
    }
    block = QuestionTypesStreamBlock().child_blocks[block_type]
    try:
        question_spec_build(question_id="q", block_type=block_type, value=raw)
    except ValueError:
        engine_accepts = False
    else:
        engine_accepts = True
    try:
        block.clean(block.to_python(raw))
    except StructBlockValidationError:
        editor_accepts = False
    else:
        editor_accepts = True

    assert editor_accepts == engine_accepts
    assert engine_accepts == (len(rights) >= 2 and (rights.count(True) == 1 if block_type == "single" else any(rights)))
