"""The learner's last activity per course, stored for the trainers' progress report (progress.CourseActivity)."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from progress.models import CourseActivity, LessonProgress
from progress.services import course_activities_rebuild, course_activity_record, lesson_complete, lesson_visit_record
from quizzes.grading import answer_right_build
from quizzes.models import Attempt, AttemptStatus
from quizzes.services import attempt_start, attempt_submit
from tests.factories import UserFactory, make_course, make_quiz, sample_question

from .helpers import lessons_of, modules_of

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def course():
    return make_course(modules=2, lessons=2)


@pytest.fixture
def learner():
    return UserFactory()


def _last_activity(user, course):
    return CourseActivity.objects.filter(user=user, course=course).values_list("last_activity_at", flat=True).first()


def test_a_first_lesson_visit_records_the_course_activity(course, learner):
    lesson = lessons_of(modules_of(course)[0])[0]
    assert _last_activity(learner, course) is None

    lesson_visit_record(user=learner, lesson=lesson, now=T0)

    assert _last_activity(learner, course) == T0


def test_visiting_an_opened_lesson_again_writes_nothing(course, learner, django_assert_num_queries):
    lesson = lessons_of(modules_of(course)[0])[0]
    lesson_visit_record(user=learner, lesson=lesson, now=T0)

    with django_assert_num_queries(1):  # the lookup only
        lesson_visit_record(user=learner, lesson=lesson, now=T0 + datetime.timedelta(hours=1))

    assert _last_activity(learner, course) == T0


def test_completing_a_lesson_moves_the_activity_forward(course, learner):
    lesson = lessons_of(modules_of(course)[0])[0]
    lesson_visit_record(user=learner, lesson=lesson, now=T0)

    lesson_complete(user=learner, lesson=lesson, now=T0 + datetime.timedelta(days=2))

    assert _last_activity(learner, course) == T0 + datetime.timedelta(days=2)


def test_starting_and_submitting_an_attempt_record_the_activity(course, learner):
    quiz = make_quiz(modules_of(course)[0], questions=[sample_question("single")])

    attempt = attempt_start(user=learner, quiz=quiz, now=T0)
    assert _last_activity(learner, course) == T0

    answers = {spec["id"]: answer_right_build(question=spec) for spec in attempt.snapshot}
    attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers, now=T0 + datetime.timedelta(minutes=5))
    assert _last_activity(learner, course) == T0 + datetime.timedelta(minutes=5)


def test_a_course_final_quiz_counts_for_its_course(course, learner):
    final = make_quiz(course, questions=[sample_question("single")], title="Quiz final")

    attempt_start(user=learner, quiz=final, now=T0)

    assert _last_activity(learner, course) == T0


def test_the_activity_never_moves_back(course, learner):
    course_activity_record(user=learner, course=course, at=T0)
    course_activity_record(user=learner, course=course, at=T0 - datetime.timedelta(days=1))

    assert _last_activity(learner, course) == T0
    assert CourseActivity.objects.filter(user=learner).count() == 1


def test_activity_is_kept_per_course(course, learner):
    other = make_course(modules=1, lessons=1, title="Autre cours", slug="autre")
    lesson_visit_record(user=learner, lesson=lessons_of(modules_of(course)[0])[0], now=T0)
    lesson_visit_record(user=learner, lesson=lessons_of(modules_of(other)[0])[0], now=T0 + datetime.timedelta(days=1))

    assert _last_activity(learner, course) == T0
    assert _last_activity(learner, other) == T0 + datetime.timedelta(days=1)


def test_the_backfill_computes_the_latest_lesson_or_attempt_moment(course, learner):
    """What migration progress 0004 runs: records written without the services get their activity."""
    module = modules_of(course)[0]
    first, second = lessons_of(module)
    quiz = make_quiz(module, questions=[sample_question("single")])
    other_learner, idle = UserFactory(), UserFactory()
    LessonProgress.objects.create(
        user=learner, lesson=first, started_at=T0, completed_at=T0 + datetime.timedelta(hours=1)
    )
    LessonProgress.objects.create(user=learner, lesson=second, started_at=T0 + datetime.timedelta(minutes=30))
    Attempt.objects.create(
        user=other_learner,
        quiz=quiz,
        number=1,
        status=AttemptStatus.GRADED,
        started_at=T0,
        submitted_at=T0 + datetime.timedelta(hours=3),
        snapshot=[],
    )
    Attempt.objects.create(
        user=learner, quiz=quiz, number=1, status=AttemptStatus.IN_PROGRESS, started_at=T0 - datetime.timedelta(days=1)
    )
    CourseActivity.objects.create(user=idle, course=course, last_activity_at=T0)  # stale: nothing backs it

    assert course_activities_rebuild(apps=apps) == 2

    assert _last_activity(learner, course) == T0 + datetime.timedelta(hours=1)
    assert _last_activity(other_learner, course) == T0 + datetime.timedelta(hours=3)
    assert _last_activity(idle, course) is None


def test_the_backfill_agrees_with_the_services(course, learner):
    lessons = lessons_of(modules_of(course)[0])
    quiz = make_quiz(modules_of(course)[1], questions=[sample_question("single")])
    lesson_visit_record(user=learner, lesson=lessons[0], now=T0)
    lesson_complete(user=learner, lesson=lessons[1], now=T0 + datetime.timedelta(hours=2))
    attempt_start(user=learner, quiz=quiz, now=T0 + datetime.timedelta(hours=1))
    recorded = _last_activity(learner, course)

    course_activities_rebuild()

    assert _last_activity(learner, course) == recorded == T0 + datetime.timedelta(hours=2)
    assert timezone.is_aware(recorded)
