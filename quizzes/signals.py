"""Signals that apps above quizzes listen to, so that quizzes never imports them (import layers, pyproject.toml).

Decoupling only (HOUSE_STYLE §2): nothing a learner's grade or completion depends on listens here.
"""

from django.dispatch import Signal

# Sent once the transaction that graded an attempt has committed (a submission, a time-out, a trainer's review
# completing the grade), with ``attempt_id`` and ``quiz_id``: the trainers' item analysis queues the refresh of
# its stored figures (cohorts.receivers). Never sent for a grade that was rolled back.
attempt_graded = Signal()
