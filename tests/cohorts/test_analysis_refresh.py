"""The item analysis refreshed by the task worker after grading, and served from the cache by the page."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from cohorts import analysis_refresh
from cohorts.analysis_refresh import EVERYONE, analysis_cache_key, quiz_analysis_refresh
from quizzes import services
from quizzes.grading import answer_right_build
from quizzes.models import AnsweredQuestion
from tests.factories import UserFactory, make_course, make_quiz, sample_question

from .conftest import add_learners, submit_writing, writing_question_id

# A backend that keeps tasks for a worker and can defer them, as the database queue does; the tests run them.
WORKER_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ANALYSED = AnsweredQuestion._meta.db_table


@pytest.fixture
def quiz(db):
    course = make_course(modules=1, lessons=1)
    module = course.get_children().first().specific
    return make_quiz(module, questions=[sample_question("single"), sample_question("true_false")], max_attempts=None)


@pytest.fixture
def queue(settings):
    settings.TASKS = WORKER_TASKS
    backend = task_backends["default"]
    backend.clear()
    return backend


@pytest.fixture
def grade(django_capture_on_commit_callbacks):
    """Submit an attempt, all right or all blank, as its own committed transaction (its on-commit hooks run)."""

    def submit(quiz, learner, *, right=True):
        with django_capture_on_commit_callbacks(execute=True):
            attempt = services.attempt_start(user=learner, quiz=quiz)
            answers = {spec["id"]: answer_right_build(question=spec) for spec in attempt.snapshot} if right else {}
            return services.attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers)

    return submit


def _refreshes(queue):
    """The item-analysis refreshes queued (publishing pages queues other tasks)."""
    return [result for result in queue.results if result.task.name == quiz_analysis_refresh.name]


def _work(queue):
    """What the worker does with the refreshes: run each queued one once, in order."""
    queued = _refreshes(queue)
    queue.clear()
    return [result.task.call(**result.kwargs) for result in queued]


def _stored(quiz, *, all_attempts=False):
    return cache.get(analysis_cache_key(quiz_id=quiz.pk, scope_key=EVERYONE, all_attempts=all_attempts))


def _page(client, quiz, **params):
    return client.get(reverse("cohorts_admin:analysis"), {"quiz": quiz.pk, **params})


def test_grading_an_attempt_queues_the_refresh_of_its_quiz_a_little_later(queue, quiz, grade):
    grade(quiz, UserFactory())

    [queued] = _refreshes(queue)
    assert queued.kwargs == {"quiz_id": quiz.pk, "scope_key": EVERYONE}
    assert queued.task.run_after > timezone.now()  # later, so that a burst of grades is analysed once
    assert _stored(quiz) is None  # nothing computed in the learner's request


def test_a_grade_rolled_back_queues_nothing(queue, quiz, django_capture_on_commit_callbacks):
    learner = UserFactory()
    attempt = services.attempt_start(user=learner, quiz=quiz)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.attempt_submit(user=learner, attempt_id=attempt.pk, answers={})
        raise RuntimeError("the request failed after grading")

    assert _refreshes(queue) == []


def test_a_submission_waiting_for_review_queues_nothing_until_the_review_grades_it(
    queue, writing_quiz, learner_a, trainer_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attempt = submit_writing(writing_quiz, learner_a)
    assert _refreshes(queue) == []

    with django_capture_on_commit_callbacks(execute=True):
        services.writing_review_record(
            attempt=attempt, question_id=writing_question_id(attempt), reviewer=trainer_a, points=1, feedback="Bien."
        )

    assert [result.kwargs["quiz_id"] for result in _refreshes(queue)] == [writing_quiz.pk]


def test_the_refresh_stores_the_figures_administrators_see(queue, quiz, grade):
    right, also_right, blank = UserFactory(), UserFactory(), UserFactory()
    grade(quiz, right)
    grade(quiz, also_right)
    grade(quiz, blank, right=False)
    grade(quiz, blank)  # a second attempt: only in the all-attempts figures

    assert _work(queue) == [{"computed": ["first", "all"], "current": []}]

    first, every = _stored(quiz).analysis, _stored(quiz, all_attempts=True).analysis
    assert (first.test.attempt_count, every.test.attempt_count) == (3, 4)
    assert first.test.mean == pytest.approx(4 / 3)  # totals 2, 2 and 0 out of 2
    assert [question.stats.facility for question in first.questions] == pytest.approx([2 / 3, 2 / 3])


def test_a_burst_of_grades_is_analysed_once(queue, quiz, grade):
    for learner in [UserFactory() for _ in range(5)]:
        grade(quiz, learner)

    assert len(_refreshes(queue)) == 1
    assert _work(queue) == [{"computed": ["first", "all"], "current": []}]
    # Run again (a retry, a second worker): the figures are current, nothing is computed.
    with CaptureQueriesContext(connection) as queries:
        assert quiz_analysis_refresh.call(quiz_id=quiz.pk) == {"computed": [], "current": ["first", "all"]}
    assert not [query for query in queries if ANALYSED in query["sql"]]
    assert _stored(quiz).analysis.test.attempt_count == 5


def test_a_grade_given_once_the_refresh_has_started_queues_another(queue, quiz, grade):
    grade(quiz, UserFactory())
    _work(queue)

    grade(quiz, UserFactory())

    assert len(_refreshes(queue)) == 1
    _work(queue)
    assert _stored(quiz).analysis.test.attempt_count == 2


def test_the_page_serves_the_refreshed_figures_without_computing_them(queue, quiz, grade, client, admin_user):
    grade(quiz, UserFactory())
    grade(quiz, UserFactory(), right=False)
    _work(queue)
    client.force_login(admin_user)

    with CaptureQueriesContext(connection) as queries:
        response = _page(client, quiz)

    assert not [query for query in queries if ANALYSED in query["sql"]]  # no stored mark read: no computation
    assert response.context["analysis"].test.attempt_count == 2
    assert response.context["computed_at"] == _stored(quiz).computed_at
    assert not response.context["is_updating"]
    assert "Chiffres calculés le" in response.content.decode()  # the figures' date is shown with them


def test_out_of_date_figures_of_a_small_quiz_are_computed_by_the_page(queue, quiz, grade, client, admin_user):
    grade(quiz, UserFactory())
    _work(queue)
    grade(quiz, UserFactory(), right=False)  # its refresh is queued, not run yet
    client.force_login(admin_user)

    response = _page(client, quiz)

    analysis = response.context["analysis"]
    assert analysis.test.attempt_count == 2
    assert analysis.test.mean == 1
    assert not response.context["is_updating"]
    assert "Mise à jour en cours" not in response.content.decode()


def test_out_of_date_figures_of_a_large_quiz_are_shown_dated_while_the_worker_refreshes_them(
    queue, quiz, grade, client, admin_user, monkeypatch
):
    monkeypatch.setattr(analysis_refresh, "REQUEST_MAX_ATTEMPTS", 1)
    grade(quiz, UserFactory())
    grade(quiz, UserFactory())
    _work(queue)
    grade(quiz, UserFactory(), right=False)
    client.force_login(admin_user)

    stale = _page(client, quiz)

    assert stale.context["is_updating"]
    assert stale.context["analysis"].test.attempt_count == 2  # the last figures computed…
    assert stale.context["computed_at"] == _stored(quiz).computed_at  # …with their date
    assert "Mise à jour en cours" in stale.content.decode()
    assert len(_refreshes(queue)) == 1  # the grade's refresh, already queued: the page adds none

    _work(queue)
    fresh = _page(client, quiz)

    assert not fresh.context["is_updating"]
    assert fresh.context["analysis"].test.attempt_count == 3
    assert fresh.context["analysis"].test.mean == pytest.approx(4 / 3)


def test_a_download_never_holds_out_of_date_figures(queue, quiz, grade, client, admin_user, monkeypatch):
    monkeypatch.setattr(analysis_refresh, "REQUEST_MAX_ATTEMPTS", 0)
    grade(quiz, UserFactory())
    _work(queue)
    grade(quiz, UserFactory(), right=False)
    client.force_login(admin_user)

    response = _page(client, quiz, export="csv")

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "50.0" in content  # each question's facility over both attempts, not the first one's 100


def test_without_a_worker_grading_computes_nothing_and_the_page_is_current(
    quiz, grade, client, admin_user, monkeypatch
):
    """The immediate backend of bin/run and the tests: no queue to defer to, so the page computes what it needs."""
    monkeypatch.setattr(analysis_refresh, "REQUEST_MAX_ATTEMPTS", 0)
    grade(quiz, UserFactory())
    assert _stored(quiz) is None
    client.force_login(admin_user)
    assert _page(client, quiz).context["analysis"].test.attempt_count == 1

    grade(quiz, UserFactory(), right=False)
    response = _page(client, quiz)

    assert response.context["analysis"].test.attempt_count == 2
    assert not response.context["is_updating"]


def test_a_cohort_is_analysed_by_the_page_then_read_from_the_cache(quiz, grade, client, trainer_a, cohort_a):
    mine = add_learners(cohort_a, 2)
    for learner in [*mine, UserFactory()]:
        grade(quiz, learner)
    client.force_login(trainer_a)

    first = _page(client, quiz, cohort=cohort_a.pk)
    with CaptureQueriesContext(connection) as queries:
        again = _page(client, quiz, cohort=cohort_a.pk)

    assert first.context["analysis"].test.attempt_count == again.context["analysis"].test.attempt_count == 2
    assert not [query for query in queries if ANALYSED in query["sql"]]


def test_the_database_queue_worker_refreshes_the_analysis(transactional_db, settings, monkeypatch, quiz):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(analysis_refresh, "REFRESH_DELAY", datetime.timedelta(0))
    learner = UserFactory()
    attempt = services.attempt_start(user=learner, quiz=quiz)
    services.attempt_submit(user=learner, attempt_id=attempt.pk, answers={})  # commits: the hook runs
    queued = DBTaskResult.objects.get(task_path="cohorts.analysis_refresh.quiz_analysis_refresh")
    assert queued.status == "READY"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert queued.return_value == {"computed": ["first", "all"], "current": []}
    assert _stored(quiz).analysis.test.attempt_count == 1
