"""A quiz taken from start to review with the keyboard alone: no mouse event, focus always visible."""

import pytest

from quizzes.grading import answer_right_build
from quizzes.models import Attempt
from tests.factories import UserFactory, make_course, make_quiz, sample_question

from .audit import screenshot
from .pages import sign_in

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "", value: el.value || "",
    text: (el.innerText || "").trim(), visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    inQuizForm: !!el.closest(".quiz-form"),
    options: el.tagName === "SELECT" ? Array.from(el.options).map(o => o.value) : [],
  };
}"""


@pytest.fixture
def keyboard_quiz(transactional_db):
    module = make_course(modules=1, lessons=1).get_children().first()
    kinds = ("single", "multiple", "true_false", "ordering", "matching", "short_answer")
    return make_quiz(module, questions=[sample_question(kind) for kind in kinds], shuffle_options=True)


def _tab(page) -> dict:
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    assert state is not None, "focus was lost"
    assert state["visible"], f"focus is not visible on {state}"
    return state


def _tab_to(page, predicate, *, limit: int = 80) -> dict:
    for _ in range(limit):
        state = _tab(page)
        if predicate(state):
            return state
    raise AssertionError("never reached the expected control with Tab")


def _answer_with_keys(page, state: dict, question: dict) -> None:
    """Operate the focused control the way a keyboard user does."""
    answer = answer_right_build(question=question)
    if state["type"] == "radio":
        for _ in range(10):  # arrow keys move through the group and select
            if page.evaluate(FOCUS_STATE)["value"] == answer:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
    elif state["type"] == "checkbox":
        if state["value"] in answer:
            page.keyboard.press("Space")
    elif state["tag"] == "select":
        key = state["name"].rsplit("-", 1)[1]
        target = str(answer[key])
        for _ in range(len(state["options"])):
            if page.evaluate(FOCUS_STATE)["value"] == target:
                break
            page.keyboard.press("ArrowDown")
    else:
        page.keyboard.type(answer)


def test_a_quiz_from_start_to_review_with_the_keyboard_only(keyboard_quiz, new_page, live_server):
    learner = UserFactory()
    page = new_page()
    sign_in(page, learner, live_server.url)
    page.goto(keyboard_quiz.url)

    _tab_to(page, lambda state: state["tag"] == "button" and "commencer" in state["text"].lower())
    page.keyboard.press("Enter")
    page.wait_for_url("**/quiz/tentative/*/")
    attempt = Attempt.objects.get(user=learner)
    questions = {question["id"]: question for question in attempt.snapshot}

    answered_controls = set()
    while True:
        state = _tab(page)
        if state["inQuizForm"] and state["tag"] == "button" and state["type"] == "submit":
            break
        question_id = state["name"][2:38] if state["name"].startswith("q-") else None
        if question_id in questions and (state["type"] != "radio" or state["name"] not in answered_controls):
            _answer_with_keys(page, state, questions[question_id])
            answered_controls.add(state["name"])
    screenshot(page, "keyboard-quiz-before-submit")
    page.keyboard.press("Enter")
    page.wait_for_url("**/resultat/")

    attempt.refresh_from_db()
    assert attempt.passed is True
    assert attempt.score == attempt.max_score
    # The review page is reachable by keyboard too: its first link after the header takes focus visibly.
    _tab_to(page, lambda state: state["tag"] == "a")
    screenshot(page, "keyboard-quiz-review")
