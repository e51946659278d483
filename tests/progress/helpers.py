"""Helpers for progress tests: a course's pages in order, and quiz results as the quiz engine stores them."""

import re
from decimal import Decimal

from django.utils import timezone

from course.models import ModulePage
from lessons.models import LessonPage
from progress.services import quiz_progress_refresh
from quizzes.models import Attempt, AttemptStatus


def modules_of(course):
    return list(ModulePage.objects.child_of(course).order_by("path"))


def lessons_of(module):
    return list(LessonPage.objects.child_of(module).order_by("path"))


def writing_course_started(learner):
    """A one-module course whose quiz has 6 points of choices and a 4-point writing exercise (pass mark 70 %);
    the learner has completed its lesson, so the quiz alone decides the module."""
    from progress.services import lesson_complete
    from tests.factories import make_course, make_quiz, sample_question

    course = make_course(modules=1, lessons=1, title="Écrire pour le musée", slug="ecrire")
    module = modules_of(course)[0]
    quiz = make_quiz(
        module,
        title="Quiz d'écriture",
        questions=[sample_question("single", points=6), sample_question("writing", points=4)],
    )
    lesson_complete(user=learner, lesson=lessons_of(module)[0])
    return {"course": course, "module": module, "quiz": quiz}


def quiz_result(user, quiz, *, percent="80", passed=True, status=AttemptStatus.GRADED, retry_requested=False):
    """A submitted attempt, then the progress update the quiz engine calls in the same transaction."""
    number = Attempt.objects.filter(user=user, quiz=quiz).count() + 1
    attempt = Attempt.objects.create(
        user=user,
        quiz=quiz,
        number=number,
        status=status,
        submitted_at=timezone.now(),
        answers={"q1": "a"},
        percent=Decimal(percent) if percent is not None else None,
        passed=passed,
        retry_requested=retry_requested,
    )
    quiz_progress_refresh(user=user, quiz=quiz)
    return attempt


def visible_text(html: str) -> str:
    """The page's HTML without tags, spaces collapsed (for "the learner sees …" assertions)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
