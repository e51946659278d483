"""Writes of the post studio."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User

from .exercises import Exercise
from .models import PostDraft


@transaction.atomic
def post_draft_save(*, user: User, exercise: Exercise, text: str, alt_text: str, credit: str) -> PostDraft:
    """Keep the learner's latest draft for this exercise (one row per learner and exercise)."""
    draft, _created = PostDraft.objects.update_or_create(
        user=user,
        page=exercise.page,
        exercise_key=exercise.key,
        defaults={"page_title": exercise.page.title, "text": text, "alt_text": alt_text, "credit": credit},
    )
    return draft
