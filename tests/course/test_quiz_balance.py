"""The guide course's quizzes give no cue a learner could guess from: length, position or habit.

These properties hold over every question the loader reads from ``content/``, so a new question that
breaks the balance fails here before it reaches learners.
"""

from collections import Counter
from pathlib import Path

import pytest

from guide.parsing import course_read

CONTENT = Path(__file__).resolve().parents[2] / "content"

# With three or four options, a random right option is the longest (or the shortest) about 25-33 % of
# the time, and strictly between the two about 33-50 % of the time. Outside these bounds, length is a cue:
# « pick the longest » or, once authors overcorrect, « never pick the longest ».
LONGEST_SHARE_BOUNDS = (0.15, 0.40)
MAX_SHORTEST_SHARE = 0.40
MAX_MIDDLE_SHARE = 0.60
MAX_FIRST_SHARE = 0.40
MAX_SAME_POSITION_SHARE = 0.50
TRUE_SHARE_BOUNDS = (0.40, 0.60)
MAX_SAME_RIGHT_COUNT_SHARE = 0.50
# A « best post » distractor is a near miss, not a caricature such as « Merci. ».
MIN_DISTRACTOR_LENGTH_RATIO = 0.5


@pytest.fixture(scope="module")
def questions():
    course = course_read(CONTENT)
    return [(quiz, question) for quiz in course.quizzes for question in quiz.questions]


def _option_text(option: dict) -> str:
    return option["post"]["text"] if "post" in option else option["text"]


def _choice_questions(questions):
    """Single-choice and best-post questions: (key, index of the right option, option lengths)."""
    result = []
    for _quiz, question in questions:
        if question.type in ("single", "best_post"):
            options = question.value["options"]
            right = next(index for index, option in enumerate(options) if option["correct"])
            result.append((question.key, right, [len(_option_text(option)) for option in options]))
    return result


def _is_strictly_longest(right: int, lengths: list[int]) -> bool:
    return all(lengths[right] > length for index, length in enumerate(lengths) if index != right)


def test_the_length_of_the_right_option_gives_nothing_away(questions):
    choices = _choice_questions(questions)
    longest = [key for key, right, lengths in choices if _is_strictly_longest(right, lengths)]
    shortest = [key for key, right, lengths in choices if lengths[right] == min(lengths)]
    middle = [key for key, right, lengths in choices if min(lengths) < lengths[right] < max(lengths)]

    low, high = LONGEST_SHARE_BOUNDS
    assert low <= len(longest) / len(choices) <= high, longest
    assert len(shortest) / len(choices) <= MAX_SHORTEST_SHARE, shortest
    assert len(middle) / len(choices) <= MAX_MIDDLE_SHARE, middle


def test_the_right_option_is_not_usually_in_the_same_place(questions):
    choices = _choice_questions(questions)
    positions = Counter(right for _key, right, _lengths in choices)

    assert positions[0] / len(choices) <= MAX_FIRST_SHARE, positions
    assert max(positions.values()) / len(choices) <= MAX_SAME_POSITION_SHARE, positions


def test_true_and_false_statements_are_balanced(questions):
    answers = [question.value["answer"] for _quiz, question in questions if question.type == "true_false"]
    share = sum(1 for answer in answers if str(answer).lower() == "true") / len(answers)

    low, high = TRUE_SHARE_BOUNDS
    assert low <= share <= high, f"{share:.0%} of {len(answers)} true/false statements are true"


def test_no_quiz_answers_all_its_true_false_questions_the_same_way(questions):
    by_quiz: dict[str, list[str]] = {}
    for quiz, question in questions:
        if question.type == "true_false":
            by_quiz.setdefault(quiz.slug, []).append(str(question.value["answer"]).lower())

    uniform = [slug for slug, answers in by_quiz.items() if len(answers) >= 3 and len(set(answers)) == 1]
    assert not uniform


def test_multiple_choice_questions_vary_their_number_of_right_options(questions):
    counts = Counter(
        sum(1 for option in question.value["options"] if option["correct"])
        for _quiz, question in questions
        if question.type == "multiple"
    )

    assert max(counts.values()) / sum(counts.values()) <= MAX_SAME_RIGHT_COUNT_SHARE, counts


def test_best_post_distractors_are_near_misses_not_caricatures(questions):
    short = []
    for _quiz, question in questions:
        if question.type != "best_post":
            continue
        options = question.value["options"]
        right = next(len(option["post"]["text"]) for option in options if option["correct"])
        short += [
            question.key
            for option in options
            if not option["correct"] and len(option["post"]["text"]) < MIN_DISTRACTOR_LENGTH_RATIO * right
        ]

    assert not short


def test_the_balance_checks_catch_a_quiz_that_gives_the_answer_away(questions):
    """The checks above can fail: a course where every right option is first and longest is refused."""
    rigged = [(key, 0, [lengths[0] + 100, *lengths[1:]]) for key, _right, lengths in _choice_questions(questions)]

    longest = [key for key, right, lengths in rigged if _is_strictly_longest(right, lengths)]
    assert len(longest) / len(rigged) > LONGEST_SHARE_BOUNDS[1]
    assert Counter(right for _key, right, _lengths in rigged)[0] / len(rigged) > MAX_FIRST_SHARE
