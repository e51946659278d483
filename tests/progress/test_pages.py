"""What the learner sees of their progress on lesson, module, course and catalogue pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.formatting import date_display
from progress.models import LessonProgress, ModuleCompletion
from progress.services import lesson_complete, lesson_visit_record
from quizzes.models import QuizPage
from tests.factories import UserFactory, make_catalogue, make_course, make_quiz

from .helpers import lessons_of, modules_of, quiz_result, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(modules=2, lessons=3)


@pytest.fixture
def lesson(course):
    return lessons_of(modules_of(course)[0])[0]


def test_anonymous_visitor_reads_the_lesson_and_is_invited_to_log_in(client, lesson):
    response = client.get(lesson.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert "to track your progress" in visible_text(html)
    assert f"{reverse('account_login')}?next={lesson.url}" in html.replace("%2F", "/")
    assert "Mark as done" not in html
    assert not LessonProgress.objects.exists()


def test_reading_a_lesson_writes_nothing_and_its_page_posts_the_visit(client, learner, lesson):
    client.force_login(learner)

    html = client.get(lesson.url).content.decode()

    assert not LessonProgress.objects.exists()
    assert "○ Not opened yet" in visible_text(html)
    visit = reverse("progress:lesson_visit", args=[lesson.pk])
    assert f'action="{visit}" data-lesson-visit' in html
    assert 'src="/static/js/lesson-visit.js"' in html


def test_learners_visit_records_the_lesson_started_once(client, learner, lesson):
    client.force_login(learner)
    visit = reverse("progress:lesson_visit", args=[lesson.pk])

    assert client.post(visit).status_code == 204
    record = LessonProgress.objects.get(user=learner, lesson=lesson, completed_at=None)
    assert client.post(visit).status_code == 204
    html = client.get(lesson.url).content.decode()

    assert LessonProgress.objects.get(user=learner, lesson=lesson).started_at == record.started_at
    assert visible_text(f"◐ Started on {date_display(timezone.localtime(record.started_at))}") in visible_text(html)
    assert "0 / 3 lessons" in visible_text(html)
    assert "data-lesson-visit" not in html  # already recorded: nothing more to send


def test_the_visit_is_a_post_for_signed_in_learners_only(client, learner, lesson):
    visit = reverse("progress:lesson_visit", args=[lesson.pk])
    assert client.post(visit)["Location"].startswith(reverse("account_login"))
    client.force_login(learner)

    assert client.get(visit).status_code == 405
    assert client.post(reverse("progress:lesson_visit", args=[999999])).status_code == 404
    assert not LessonProgress.objects.exists()


def test_mark_as_done_is_a_post_that_shows_the_date(client, learner, lesson):
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    action = reverse("progress:lesson_complete", args=[lesson.pk])
    assert f'action="{action}"' in html

    response = client.post(action, follow=True)

    text = visible_text(response.content.decode())
    record = LessonProgress.objects.get(user=learner, lesson=lesson)
    assert record.completed_at is not None
    assert "Lesson marked as done." in text
    with translation.override("en"):
        assert visible_text(f"✓ Done on {date_display(timezone.localtime(record.completed_at))}") in text
    assert "1 / 3 lessons" in text
    assert "Mark as done" not in text


def test_mark_as_done_refuses_get_and_unknown_lessons(client, learner, lesson):
    client.force_login(learner)

    assert client.get(reverse("progress:lesson_complete", args=[lesson.pk])).status_code == 405
    assert client.post(reverse("progress:lesson_complete", args=[999999])).status_code == 404
    lesson.unpublish()
    assert client.post(reverse("progress:lesson_complete", args=[lesson.pk])).status_code == 404
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_anonymous_post_to_mark_as_done_goes_to_login(client, lesson):
    response = client.post(reverse("progress:lesson_complete", args=[lesson.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not LessonProgress.objects.exists()


def test_module_page_shows_each_lessons_status_and_the_quiz_score(client, learner, course):
    module = modules_of(course)[0]
    first, second, _third = lessons_of(module)
    quiz = make_quiz(module)
    lesson_complete(user=learner, lesson=first)
    lesson_visit_record(user=learner, lesson=second)
    quiz_result(learner, quiz, percent="60", passed=False)
    client.force_login(learner)

    text = visible_text(client.get(module.url).content.decode())

    assert "Leçon 1.1 ✓ Done" in text
    assert "Leçon 1.2 ◐ Started" in text
    assert "Leçon 1.3 ○ Not opened yet" in text
    assert "1 / 3 lessons" in text
    assert "Quiz not passed yet · best score 60 %" in text


def test_course_page_shows_progress_per_module_and_a_continue_link(client, learner, course):
    first_module, second_module = modules_of(course)
    for lesson in lessons_of(first_module):
        lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)

    html = client.get(course.url).content.decode()
    text = visible_text(html)

    assert "3 / 6 lessons" in text
    assert "✓ Completed on" in text
    assert "○ Not started" in text
    assert f'href="{lessons_of(second_module)[0].url}">Continue' in html


def test_catalogue_shows_the_learners_progress_per_course(client, learner, course):
    make_course(modules=1, lessons=2, title="Gérer une crise", slug="crise")
    lesson_complete(user=learner, lesson=lessons_of(modules_of(course)[0])[0])
    client.force_login(learner)

    text = visible_text(client.get(make_catalogue().url).content.decode())

    assert "Animer les réseaux sociaux Pour les musées ◐ In progress 1 / 6 lessons" in text
    assert "Gérer une crise Pour les musées ○ Not started 0 / 2 lessons" in text


def test_anonymous_catalogue_and_course_pages_show_no_progress(client, course):
    assert "lessons" not in visible_text(client.get(make_catalogue().url).content.decode()).split("Courses")[-1]
    assert "Your progress" not in client.get(course.url).content.decode()


def test_header_links_to_the_dashboard_only_when_logged_in(client, learner, lesson):
    dashboard = reverse("progress:dashboard")
    assert f'href="{dashboard}"' not in client.get(lesson.url).content.decode()

    client.force_login(learner)

    assert f'href="{dashboard}"' in client.get(lesson.url).content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("unlock_in_order", [False, True])
def test_lesson_page_runs_the_same_queries_for_a_small_and_a_large_course(
    client, django_assert_max_num_queries, unlock_in_order
):
    small = make_course(modules=1, lessons=2, slug="petit", unlock_in_order=unlock_in_order)
    large = make_course(modules=6, lessons=8, slug="grand", unlock_in_order=unlock_in_order)
    for course in (small, large):
        for module in modules_of(course):
            make_quiz(module)
    learner = UserFactory()
    for module in modules_of(large):
        for lesson in lessons_of(module):
            lesson_complete(user=learner, lesson=lesson)
        quiz = module.get_children().type(QuizPage).specific().get()
        for _ in range(3):
            quiz_result(learner, quiz, percent="50", passed=False)
        if module.pk != modules_of(large)[-1].pk:
            quiz_result(learner, quiz, percent="90", passed=True)
    client.force_login(learner)
    small_lesson = lessons_of(modules_of(small)[0])[-1]
    large_lesson = lessons_of(modules_of(large)[-1])[-1]
    _queries(client, small_lesson.url)  # warm caches (site root paths, content types)
    _queries(client, large_lesson.url)

    small_count = _queries(client, small_lesson.url)
    with django_assert_max_num_queries(small_count):
        client.get(large_lesson.url)
    assert ModuleCompletion.objects.filter(user=learner).count() == 5  # the last module's quiz is not passed


def test_mark_as_done_returns_to_the_button_and_offers_the_next_lesson(client, learner, course):
    first, second = lessons_of(modules_of(course)[0])[:2]
    client.force_login(learner)

    response = client.post(reverse("progress:lesson_complete", args=[first.pk]))

    assert response.status_code == 302
    assert response["Location"] == f"{first.url}#lesson-actions"
    html = client.get(first.url).content.decode()
    actions = html[html.index('id="lesson-actions"') :]
    assert f'href="{second.url}" rel="next"' in actions[: actions.index("</div>")]


def test_the_home_page_offers_to_resume_the_course_where_the_learner_stopped(client, learner, course):
    first, second = lessons_of(modules_of(course)[0])[:2]
    client.force_login(learner)
    lesson_visit_record(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=first)

    html = client.get("/").content.decode()

    assert 'id="resume-title"' in html
    assert f'href="{second.url}"' in html[html.index('id="resume-title"') :]


def test_the_home_page_has_no_resume_card_before_any_lesson_or_for_visitors(client, learner, course):
    assert 'id="resume-title"' not in client.get("/").content.decode()
    client.force_login(learner)
    assert 'id="resume-title"' not in client.get("/").content.decode()
