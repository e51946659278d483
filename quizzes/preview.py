"""Wagtail's preview of a quiz page: the learner's form (nothing stored) or the answer key for trainers.

Kept apart from ``views`` so that the page model, which Wagtail asks for previews, never reaches the
services that write attempts (see the import contracts in pyproject.toml).
"""

from __future__ import annotations

import random

from django.shortcuts import render

from . import selectors
from .forms import AttemptForm
from .models import QuizPage
from .questions import question_public, question_review_build, question_spec_build, snapshot_build
from .rendering import attach_post_images, attempt_page_render


def quiz_preview(request, *, quiz: QuizPage, mode_name: str):
    """Wagtail admin preview: the learner's form (nothing is stored) or the answer key for trainers."""
    entries = selectors.quiz_entries_get(quiz=quiz)
    if mode_name == "answer_key":
        rows = []
        for number, entry in enumerate(entries, start=1):
            try:
                spec = question_spec_build(
                    question_id=entry["id"],
                    block_type=entry["type"],
                    value=entry["value"],
                    bank_item_id=entry.get("bank_item_id"),
                )
            except ValueError as error:
                rows.append({"number": number, "invalid": str(error), "type": entry["type"]})
                continue
            row = question_review_build(spec=spec, answer=None, result=None, reveal=True, number=number)
            row["bank_item_id"] = entry.get("bank_item_id")
            rows.append(row)
        attach_post_images(rows)
        return render(request, "quizzes/quiz_answer_key.html", {"page": quiz, "rows": rows})
    snapshot = snapshot_build(
        entries=entries,
        rng=random.Random(0),
        draw_count=quiz.draw_count,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_options=quiz.shuffle_options,
    )
    form = AttemptForm(questions=[question_public(spec) for spec in snapshot])
    return attempt_page_render(request, quiz=quiz, attempt=None, form=form, preview=True)
