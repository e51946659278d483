"""Helpers for quiz tests: start an attempt as a browser does, turn clean answers into the POST it would send."""

import re

from django.urls import reverse

from quizzes.forms import field_name
from quizzes.grading import answer_right_build
from quizzes.models import Attempt
from quizzes.services import attempt_start, attempt_submit


def start(client, quiz):
    """The signed-in learner presses "Start" on `quiz`: the new attempt."""
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.latest("pk")


def attempt_submit_right(user, quiz, *, writing_text=None, now=None):
    """Start an attempt on `quiz` and submit the right answer to every question, or `writing_text` (when given)
    to the writing ones: what a learner who knows the module sends; writing answers then wait for a trainer."""
    attempt = attempt_start(user=user, quiz=quiz, now=now)
    answers = {
        spec["id"]: writing_text
        if writing_text is not None and spec["type"] == "writing"
        else answer_right_build(question=spec)
        for spec in attempt.snapshot
    }
    return attempt_submit(user=user, attempt_id=attempt.pk, answers=answers, now=now)


def question_of(attempt, kind):
    """The first question of type `kind` in the attempt's snapshot."""
    return next(spec for spec in attempt.snapshot if spec["type"] == kind)


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
