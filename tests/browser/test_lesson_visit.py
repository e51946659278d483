"""Opening a lesson marks it started through the page's script (a POST), never through the GET itself."""

import time

import pytest

from progress.models import LessonProgress
from tests.factories import UserFactory, make_course

from .pages import sign_in


@pytest.fixture
def first_lesson(transactional_db):
    module = make_course(modules=1, lessons=2).get_children().first()
    return module.get_children().first()


def _recorded(learner, lesson, *, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if LessonProgress.objects.filter(user=learner, lesson_id=lesson.pk).exists():
            return True
        time.sleep(0.1)
    return False


def test_opening_a_lesson_records_it_started_and_the_next_visit_says_so(first_lesson, new_page, live_server):
    learner = UserFactory()
    page = new_page()
    sign_in(page, learner, live_server.url)

    page.goto(first_lesson.url)

    assert _recorded(learner, first_lesson, within=5)
    page.reload()
    assert "Commencée le" in page.locator("#lesson-status").inner_text()
    assert page.locator("form[data-lesson-visit]").count() == 0


def test_without_javascript_reading_a_lesson_records_nothing(first_lesson, new_page, live_server):
    learner = UserFactory()
    page = new_page(javascript=False)
    sign_in(page, learner, live_server.url)

    page.goto(first_lesson.url)

    assert not _recorded(learner, first_lesson, within=1)
    assert "Pas encore ouverte" in page.locator("#lesson-status").inner_text()
