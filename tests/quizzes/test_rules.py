"""The rules of quizzes.rules, each defined once: deadlines, "final", "passed", and their query twins."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes import rules
from quizzes.models import Attempt, AttemptStatus

NOW = datetime.datetime(2026, 5, 16, 20, 0, tzinfo=datetime.UTC)


def test_an_attempt_without_time_limit_has_no_deadline():
    assert rules.attempt_deadline(started_at=NOW, time_limit_minutes=None) is None
    assert not rules.attempt_is_past_deadline(deadline_at=None, now=NOW + datetime.timedelta(days=9))
    assert not rules.attempt_is_overdue(deadline_at=None, now=NOW + datetime.timedelta(days=9))


def test_time_is_up_at_the_deadline_but_answers_count_until_the_grace_period_ends():
    deadline = rules.attempt_deadline(started_at=NOW, time_limit_minutes=20)
    assert deadline == NOW + datetime.timedelta(minutes=20)

    just_after = deadline + datetime.timedelta(seconds=1)
    end_of_grace = deadline + rules.GRACE_PERIOD
    assert not rules.attempt_is_past_deadline(deadline_at=deadline, now=deadline)
    assert rules.attempt_is_past_deadline(deadline_at=deadline, now=just_after)
    assert not rules.attempt_is_overdue(deadline_at=deadline, now=end_of_grace)
    assert rules.attempt_is_overdue(deadline_at=deadline, now=end_of_grace + datetime.timedelta(microseconds=1))


@pytest.mark.parametrize(
    ("status", "passed"),
    [
        (AttemptStatus.IN_PROGRESS, None),
        (AttemptStatus.GRADED, True),
        (AttemptStatus.GRADED, False),
        (AttemptStatus.PENDING_REVIEW, None),
        (AttemptStatus.PENDING_REVIEW, True),  # a provisional score above the mark is still not a pass
    ],
)
def test_the_query_filters_select_exactly_the_attempts_the_python_rules_accept(learner, quiz, status, passed):
    attempt = Attempt.objects.create(
        user=learner,
        quiz=quiz,
        number=1,
        status=status,
        passed=passed,
        percent=Decimal(90),
        submitted_at=timezone.now(),
    )
    rows = Attempt.objects.filter(pk=attempt.pk)

    assert rows.filter(rules.final_attempts_q()).exists() == rules.attempt_is_final(status=status)
    assert rows.filter(rules.passed_attempts_q()).exists() == rules.attempt_is_passed(status=status, passed=passed)
    assert rows.filter(status__in=rules.SUBMITTED_STATUSES).exists() == rules.attempt_is_submitted(status=status)
    assert attempt.is_submitted == (status != AttemptStatus.IN_PROGRESS)
