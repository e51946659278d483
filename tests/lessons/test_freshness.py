"""Freshness of a lesson's facts: the « checked on » date learners see and the stale list trainers get."""

import datetime

import pytest

from lessons.models import LessonPage
from lessons.selectors import lessons_stale_list, months_before
from tests.factories import make_course

pytestmark = pytest.mark.django_db


def _lessons():
    return list(LessonPage.objects.order_by("path"))


def test_the_lesson_page_says_when_its_content_was_checked(client):
    make_course(modules=1, lessons=1)
    (lesson,) = _lessons()
    lesson.reviewed_on = datetime.date(2026, 3, 4)
    lesson.save_revision().publish()

    html = client.get(lesson.url).content.decode()

    assert 'Contenu vérifié le <time datetime="2026-03-04">4 mars 2026</time>' in html


def test_a_lesson_never_checked_shows_no_date(client):
    make_course(modules=1, lessons=1)
    (lesson,) = _lessons()

    assert "Contenu vérifié" not in client.get(lesson.url).content.decode()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 12, 2), 12, datetime.date(2025, 12, 2)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 3, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 1, 15), 6, datetime.date(2025, 7, 15)),
    ],
)
def test_months_before_keeps_the_day_within_the_month(day, months, expected):
    assert months_before(day, months) == expected


def test_stale_lessons_are_the_never_checked_and_those_checked_before_the_interval_oldest_first():
    make_course(modules=1, lessons=4)
    never, old, older, fresh = _lessons()
    for lesson, day in [(old, datetime.date(2025, 6, 1)), (older, datetime.date(2024, 1, 9)), (fresh, None)]:
        lesson.reviewed_on = day
        lesson.save()
    fresh.reviewed_on = datetime.date(2025, 12, 2)  # exactly 12 months before: still fresh
    fresh.save()

    stale = lessons_stale_list(today=datetime.date(2026, 12, 2), months=12)

    assert [lesson.title for lesson in stale] == [never.title, older.title, old.title]


def test_unpublished_lessons_are_not_listed_as_stale():
    make_course(modules=1, lessons=2)
    draft, live = _lessons()
    draft.unpublish()

    stale = lessons_stale_list(today=datetime.date(2026, 12, 2))

    assert [lesson.pk for lesson in stale] == [live.pk]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (datetime.date(2014, 3, 24), "Twitter"),
        ("2015-09-16", "Twitter"),
        (datetime.date(2023, 7, 24), "X (Twitter)"),
        (None, "X (Twitter)"),
        ("", "X (Twitter)"),
    ],
)
def test_a_post_on_x_dated_before_the_renaming_is_shown_as_a_twitter_post(on, expected):
    from lessons.templatetags.lessons_tags import network_label

    assert network_label("x", on) == expected
    assert network_label("bluesky", on) == "Bluesky"
