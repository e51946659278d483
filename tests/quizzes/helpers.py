"""Helpers for quiz tests: turn clean answers into the POST a browser would send."""

import re

from quizzes.forms import field_name
from quizzes.grading import answer_right_build


def post_data(attempt, answers=None, **extra):
    """POST data for `answers` ({question id: clean answer}); default: the right answer to every question."""
    if answers is None:
        answers = {spec["id"]: answer_right_build(question=spec) for spec in attempt.snapshot}
    data = {}
    for question_id, answer in answers.items():
        if isinstance(answer, dict):
            for key, value in answer.items():
                data[field_name(question_id, key)] = str(value)
        else:
            data[field_name(question_id)] = answer
    data.update(extra)
    return data


def visible_text(html: str) -> str:
    """The page's HTML without tags, spaces collapsed (for "the learner sees …" assertions)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
