"""Signals other apps listen to; quizzes never imports them (progress, cohorts depend on quizzes)."""

from django.dispatch import Signal

# Sent with ``transaction.on_commit`` after an attempt is graded on submit and after a trainer's review
# changes it. Keyword argument: ``attempt`` (a ``quizzes.models.Attempt``).
attempt_graded = Signal()
