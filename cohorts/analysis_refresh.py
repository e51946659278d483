"""The item analysis kept ready in the cache and refreshed by the task worker after grading (issues 16 and 17).

Computing a quiz's analysis reads every analysed attempt's stored marks: about a second at 10,000 learners. So:

- When an attempt is graded (a submission, a time-out, a trainer's review), the grading transaction's commit sends
  ``quizzes.signals.attempt_graded``; :func:`analysis_refresh_schedule` queues :func:`quiz_analysis_refresh` for the
  quiz's "everyone" scope (what administrators see, first attempts and all attempts), REFRESH_DELAY later. A burst
  of grades within that delay queues one task (a cache flag, added atomically, which the task removes as it
  starts), and the task computes a scope only when the attempts' signature differs from the stored one: it is
  idempotent, and retried with a back-off like every task (``core.tasks``).
- Cohort and "all my cohorts" scopes are not refreshed after each grade: a cohort holds tens to hundreds of
  learners, far under REQUEST_MAX_ATTEMPTS, so the page computes its figures at once, while refreshing every
  cohort of every learner graded would multiply the worker's work by the number of cohorts, mostly for no view.
- The view (:func:`quiz_analysis_shown`) checks the signature (one aggregate query) and serves the stored figures
  when they are current. When they are not: up to REQUEST_MAX_ATTEMPTS analysed attempts it computes them in the
  request (about 0.15 s at that size, from the 0.43–0.49 s measured for 7,342 attempts on PostgreSQL: README,
  Performance), so a trainer always sees figures that include the grade just given;
  above, it shows the last figures with their date and « Mise à jour en cours » and queues their refresh, rather
  than hold an app host's worker for seconds. With no stored figures at all, or with no task worker (the
  immediate backend of ``bin/run``), it computes them in the request.

The cache key names the scope (everyone, a cohort, a trainer's cohorts) and the attempt choice, not the attempts,
so that stale figures can still be found and shown; the entry carries the signature they were computed for.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone
from django_tasks import task

from accounts.models import User
from accounts.scope import is_unrestricted
from core.tasks import task_retry_or_raise
from quizzes.models import QuizPage

from . import reports, scope
from .models import Cohort

EVERYONE = "everyone"
# How long stored figures are kept: their signature says when they are out of date, so they may live long.
ANALYSIS_CACHE_SECONDS = 30 * 24 * 3600
# Above this many analysed attempts a view with out-of-date figures shows them dated and lets the worker refresh
# them (see the module's docstring for the timings this comes from).
REQUEST_MAX_ATTEMPTS = 2000
# Grades given within this delay after a first one are analysed by the same task run.
REFRESH_DELAY = datetime.timedelta(seconds=30)
# A queued refresh keeps others from being queued this long at most (a worker down for longer gets a new one).
QUEUED_FLAG_SECONDS = 600


@dataclass(frozen=True)
class AnalysisScope:
    """Whose attempts are analysed: ``key`` names the set of learners for the cache and the task."""

    key: str
    learners: QuerySet


def analysis_scope_get(*, user: User | AnonymousUser, cohort: Cohort | None = None) -> AnalysisScope:
    """The scope a user views: one of their cohorts, or everyone they may follow (all learners for administrators)."""
    learners = scope.learners_in_report(user=user, cohort=cohort)
    if cohort is not None:
        # A cohort the user may see (the view checks it) is in their scope whole: the same learners for everyone.
        return AnalysisScope(key=f"cohort-{cohort.pk}", learners=learners)
    if is_unrestricted(user):
        return AnalysisScope(key=EVERYONE, learners=learners)
    return AnalysisScope(key=f"trainer-{user.pk}", learners=learners)


def analysis_scope_from_key(key: str) -> AnalysisScope | None:
    """The scope a task was queued for, from its key (None when its cohort or trainer is gone)."""
    if key == EVERYONE:
        return AnalysisScope(key=key, learners=User.objects.all())
    kind, _dash, pk = key.partition("-")
    if kind == "cohort" and Cohort.objects.filter(pk=pk).exists():
        return AnalysisScope(key=key, learners=User.objects.filter(cohort_memberships__cohort_id=pk))
    if kind == "trainer":
        trainer = User.objects.filter(pk=pk).first()
        if trainer is not None:
            return AnalysisScope(key=key, learners=scope.learners_in_scope(user=trainer))
    return None


@dataclass(frozen=True)
class StoredAnalysis:
    """Figures as stored (their quiz page left out) with the attempts' signature and the time they were computed;
    as shown, ``is_updating`` says that newer ones are being computed."""

    analysis: reports.QuizAnalysis
    signature: tuple
    computed_at: datetime.datetime
    is_updating: bool = False


def analysis_signature(*, quiz: QuizPage, learners: QuerySet, all_attempts: bool) -> tuple:
    """What the figures depend on, in one aggregate query: how many attempts and which ones, the latest submission,
    the latest trainer review, and the quiz's live revision (its current question order)."""
    attempts = reports.analysed_attempts(quiz=quiz, learners=learners, all_attempts=all_attempts)
    figures = attempts.aggregate(
        count=Count("id", distinct=True),
        ids=Sum("id"),
        submitted=Max("submitted_at"),
        reviewed=Max("writing_reviews__reviewed_at"),
    )
    return (*sorted(figures.items()), ("revision", quiz.live_revision_id))


def _attempt_count(signature: tuple) -> int:
    return int(dict(signature).get("count") or 0)


def analysis_cache_key(*, quiz_id: int, scope_key: str, all_attempts: bool) -> str:
    raw = f"{quiz_id}|{scope_key}|{'all' if all_attempts else 'first'}"
    return "cohorts:item-analysis:" + hashlib.sha256(raw.encode()).hexdigest()


def _queued_flag_key(*, quiz_id: int, scope_key: str) -> str:
    return f"cohorts:item-analysis-queued:{quiz_id}:{scope_key}"


def analysis_store(
    *, quiz: QuizPage, analysis_scope: AnalysisScope, all_attempts: bool, signature: tuple
) -> StoredAnalysis:
    """Compute the figures for this signature and keep them in the cache (``reports.quiz_analysis`` does the work).

    The signature must have been read before: a grade committed meanwhile then only makes the entry look out of
    date, never newer than it is.
    """
    analysis = reports.quiz_analysis(quiz=quiz, learners=analysis_scope.learners, all_attempts=all_attempts)
    stored = StoredAnalysis(analysis=replace(analysis, quiz=None), signature=signature, computed_at=timezone.now())
    key = analysis_cache_key(quiz_id=quiz.pk, scope_key=analysis_scope.key, all_attempts=all_attempts)
    cache.set(key, stored, ANALYSIS_CACHE_SECONDS)
    return replace(stored, analysis=analysis)


def quiz_analysis_shown(
    *, quiz: QuizPage, analysis_scope: AnalysisScope, all_attempts: bool = False, allow_stale: bool = True
) -> StoredAnalysis:
    """The figures for the page: stored ones when current; else computed now, or (large scopes, with a worker) the
    last ones, dated, while the worker refreshes them. ``allow_stale=False`` (downloads) always gives current ones."""
    signature = analysis_signature(quiz=quiz, learners=analysis_scope.learners, all_attempts=all_attempts)
    stored = cache.get(analysis_cache_key(quiz_id=quiz.pk, scope_key=analysis_scope.key, all_attempts=all_attempts))
    is_current = stored is not None and stored.signature == signature
    is_updating = False
    if stored is None or not is_current:
        is_updating = (
            stored is not None
            and allow_stale
            and _attempt_count(signature) > REQUEST_MAX_ATTEMPTS
            and analysis_refresh_schedule(quiz_id=quiz.pk, scope_key=analysis_scope.key)
        )
        if not is_updating:
            stored = analysis_store(
                quiz=quiz, analysis_scope=analysis_scope, all_attempts=all_attempts, signature=signature
            )
    return replace(stored, analysis=replace(stored.analysis, quiz=quiz), is_updating=is_updating)


def analysis_refresh_schedule(*, quiz_id: int, scope_key: str = EVERYONE) -> bool:
    """Queue the refresh of a quiz's figures for a scope, REFRESH_DELAY from now, unless one is queued already.

    Returns whether a worker will refresh them: False with a backend that runs tasks at once (``bin/run``), where
    queuing would compute in the request that graded; there the trainer's view computes them when it needs them.
    """
    backend = quiz_analysis_refresh.get_backend()
    if not backend.supports_defer:
        return False
    if cache.add(_queued_flag_key(quiz_id=quiz_id, scope_key=scope_key), True, QUEUED_FLAG_SECONDS):
        quiz_analysis_refresh.using(run_after=timezone.now() + REFRESH_DELAY).enqueue(
            quiz_id=quiz_id, scope_key=scope_key
        )
    return True


def analysis_refresh_on_grade(*, quiz_id: int) -> None:
    """An attempt at this quiz was graded: refresh the figures administrators see (see the module's docstring)."""
    analysis_refresh_schedule(quiz_id=quiz_id, scope_key=EVERYONE)


@task()
def quiz_analysis_refresh(*, quiz_id: int, scope_key: str = EVERYONE, attempt: int = 1) -> dict[str, Any]:
    """Compute and store a quiz's first-attempt and all-attempt figures for a scope, each only if out of date."""
    # Removed before reading anything: a grade committed from now on queues another run, which will see it.
    cache.delete(_queued_flag_key(quiz_id=quiz_id, scope_key=scope_key))
    try:
        quiz = QuizPage.objects.filter(pk=quiz_id).first()
        analysis_scope = analysis_scope_from_key(scope_key)
        if quiz is None or analysis_scope is None:
            return {"skipped": "no such quiz or scope"}
        computed, current = [], []
        for all_attempts in (False, True):
            name = "all" if all_attempts else "first"
            signature = analysis_signature(quiz=quiz, learners=analysis_scope.learners, all_attempts=all_attempts)
            key = analysis_cache_key(quiz_id=quiz.pk, scope_key=scope_key, all_attempts=all_attempts)
            stored = cache.get(key)
            if stored is not None and stored.signature == signature:
                current.append(name)
                continue
            analysis_store(quiz=quiz, analysis_scope=analysis_scope, all_attempts=all_attempts, signature=signature)
            computed.append(name)
    except Exception as error:
        return task_retry_or_raise(
            quiz_analysis_refresh, attempt=attempt, error=error, kwargs={"quiz_id": quiz_id, "scope_key": scope_key}
        )
    return {"computed": computed, "current": current}
