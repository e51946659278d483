"""Grading of each question type, edge cases, and property-based checks (pure functions, no database)."""

import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.grading import Status, answer_normalize, answer_right_build, grade_attempt, grade_question
from quizzes.questions import question_public, question_spec_build, snapshot_build
from tests.factories import sample_question

KINDS = ("single", "multiple", "true_false", "ordering", "matching", "best_post", "short_answer")


def spec(kind, seed=1, **overrides):
    block_type, value = sample_question(kind, **overrides)
    return question_spec_build(question_id=f"q-{kind}", block_type=block_type, value=value, rng=random.Random(seed))


def keys(question, *, correct):
    return [option["key"] for option in question["options"] if bool(option["correct"]) == correct]


@pytest.mark.parametrize("kind", KINDS)
def test_right_answer_gets_full_points(kind):
    question = spec(kind)
    result = grade_question(question=question, answer=answer_right_build(question=question))
    assert result.status == Status.CORRECT
    assert result.points == result.max_points


def test_single_wrong_option_gets_nothing():
    question = spec("single")
    assert grade_question(question=question, answer=keys(question, correct=False)[0]).points == 0


def test_multiple_all_or_nothing_gives_nothing_for_a_partial_answer():
    question = spec("multiple", scoring="all_or_nothing")
    assert grade_question(question=question, answer=keys(question, correct=True)[:1]).points == 0


def test_multiple_partial_counts_right_minus_wrong_never_below_zero():
    question = spec("multiple", scoring="partial")  # 2 points, 2 right options, 1 wrong
    right, wrong = keys(question, correct=True), keys(question, correct=False)
    assert grade_question(question=question, answer=right[:1]).points == Decimal("1.00")
    assert grade_question(question=question, answer=right[:1] + wrong).points == 0
    assert grade_question(question=question, answer=wrong).points == 0
    assert grade_question(question=question, answer=right + wrong).status == Status.PARTIAL


def test_true_false_accepts_only_true_or_false():
    question = spec("true_false")  # right answer: false
    assert grade_question(question=question, answer="false").status == Status.CORRECT
    assert grade_question(question=question, answer="true").points == 0
    assert grade_question(question=question, answer="maybe").points == 0


def test_ordering_gives_partial_credit_by_pairs_in_order():
    question = spec("ordering")  # 4 steps, 6 pairs, 3 points
    order = question["correct_order"]
    swapped_last = {order[0]: 1, order[1]: 2, order[2]: 4, order[3]: 3}
    assert grade_question(question=question, answer=swapped_last).points == Decimal("2.50")
    reversed_order = {key: 4 - index for index, key in enumerate(order)}
    assert grade_question(question=question, answer=reversed_order).points == 0


def test_ordering_ignores_positions_out_of_range():
    question = spec("ordering")
    answer = dict.fromkeys(question["correct_order"], 99)
    assert grade_question(question=question, answer=answer).points == 0


def test_matching_gives_the_share_of_right_pairs():
    question = spec("matching")  # 3 pairs, 2 points
    right = answer_right_build(question=question)
    first, *_ = right
    wrong = dict(right)
    wrong[first] = next(r["key"] for r in question["rights"] if r["key"] != right[first])
    assert grade_question(question=question, answer=wrong).points == Decimal("1.33")


def test_matching_allows_two_items_with_the_same_match():
    question = spec("matching", pairs=[{"left": "A", "right": "LinkedIn"}, {"left": "B", "right": "LinkedIn"}])
    assert len(question["rights"]) == 1
    assert grade_question(question=question, answer=answer_right_build(question=question)).status == Status.CORRECT


@pytest.mark.parametrize("typed", ["  museumweek ", "#MUSEUMWEEK", "Muséumweek"])
def test_short_answer_ignores_case_accents_and_spaces(typed):
    assert grade_question(question=spec("short_answer"), answer=typed).status == Status.CORRECT


def test_short_answer_normalizes_typographic_apostrophes():
    assert answer_normalize("l’Estuaire") == answer_normalize("L'ESTUAIRE")


def test_writing_waits_for_review_and_blank_is_unanswered():
    question = spec("writing")
    assert grade_question(question=question, answer="Merci pour votre message.").status == Status.PENDING_REVIEW
    assert grade_question(question=question, answer="   ").status == Status.UNANSWERED


def test_pass_is_undecided_while_pending_points_could_still_change_it():
    questions = [spec("single"), spec("writing")]  # 1 + 4 points, pass mark 70 %
    right_single = {"q-single": answer_right_build(question=questions[0]), "q-writing": "Texte"}
    grade = grade_attempt(questions=questions, answers=right_single, pass_mark=70)
    assert grade.passed is None
    wrong = {"q-single": keys(questions[0], correct=False)[0], "q-writing": "Texte"}
    assert grade_attempt(questions=questions, answers=wrong, pass_mark=10).passed is None
    assert grade_attempt(questions=[questions[0]], answers=wrong, pass_mark=70).passed is False


def test_points_above_the_pass_mark_do_not_pass_an_attempt_while_a_review_is_pending():
    questions = [spec("single", points=9), spec("writing", points=1)]  # 90 % earned before the review
    answers = {"q-single": answer_right_build(question=questions[0]), "q-writing": "Texte"}
    grade = grade_attempt(questions=questions, answers=answers, pass_mark=70)
    assert grade.percent == Decimal("90.00")
    assert grade.passed is None


@pytest.mark.parametrize(
    "answer", [None, 3, 1.5, True, [], {}, ["x"], {"a": "b"}, "x" * 10_000, [[1]], {"a": {"b": 1}}]
)
@pytest.mark.parametrize("kind", KINDS)
def test_any_shape_of_answer_grades_without_error(kind, answer):
    result = grade_question(question=spec(kind), answer=answer)
    assert 0 <= result.points <= result.max_points


def test_public_question_has_no_secret_fields():
    for kind in (*KINDS, "writing"):
        public = question_public(spec(kind))
        text = repr(public)
        for secret in ("correct", "feedback", "explanation", "accepted", "answer", "model_answer", "rubric"):
            assert f"'{secret}'" not in text


def test_invalid_questions_are_left_out_of_a_snapshot():
    entries = [
        {"id": "a", "type": "single", "value": sample_question("single")[1]},
        {"id": "b", "type": "single", "value": {**sample_question("single")[1], "options": []}},
    ]
    snapshot = snapshot_build(entries=entries, rng=random.Random(3))
    assert [question["id"] for question in snapshot] == ["a"]


def test_draw_count_draws_that_many_questions():
    entries = [{"id": str(n), "type": "true_false", "value": sample_question("true_false")[1]} for n in range(10)]
    snapshot = snapshot_build(entries=entries, rng=random.Random(3), draw_count=4)
    assert len(snapshot) == 4
    assert len({question["id"] for question in snapshot}) == 4


# -- property-based ---------------------------------------------------------------------------------

answers_strategy = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=10,
)


@st.composite
def questions(draw):
    kind = draw(st.sampled_from(KINDS))
    seed = draw(st.integers(min_value=0, max_value=10_000))
    points = draw(st.integers(min_value=1, max_value=20))
    question = spec(kind, seed=seed, points=points)
    return question


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(question=questions(), answer=answers_strategy)
def test_score_always_lies_between_zero_and_the_maximum(question, answer):
    result = grade_question(question=question, answer=answer)
    assert Decimal(0) <= result.points <= result.max_points


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(question=questions(), data=st.data())
def test_score_is_within_bounds_for_answers_built_from_the_questions_own_keys(question, data):
    """Plausible answers (using real keys) explore the scoring paths, not just the type checks."""
    kind = question["type"]
    if kind in ("single", "best_post"):
        answer = data.draw(st.sampled_from([option["key"] for option in question["options"]]))
    elif kind == "multiple":
        answer = data.draw(st.lists(st.sampled_from([option["key"] for option in question["options"]])))
    elif kind == "ordering":
        count = len(question["items"])
        answer = {item["key"]: data.draw(st.integers(min_value=0, max_value=count + 1)) for item in question["items"]}
    elif kind == "matching":
        answer = {
            left["key"]: data.draw(st.sampled_from([right["key"] for right in question["rights"]]))
            for left in question["lefts"]
        }
    else:
        answer = data.draw(st.text(max_size=20))
    result = grade_question(question=question, answer=answer)
    assert Decimal(0) <= result.points <= result.max_points


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(quiz=st.lists(questions(), min_size=1, max_size=6), pass_mark=st.integers(min_value=0, max_value=100))
def test_fully_right_answers_always_get_the_maximum_and_pass(quiz, pass_mark):
    quiz = [{**question, "id": f"{index}"} for index, question in enumerate(quiz)]
    answers = {question["id"]: answer_right_build(question=question) for question in quiz}
    grade = grade_attempt(questions=quiz, answers=answers, pass_mark=pass_mark)
    assert grade.score == grade.max_score
    assert grade.percent == 100
    assert grade.passed is True
