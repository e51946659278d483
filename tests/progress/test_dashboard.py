"""The learner's dashboard « Mon apprentissage »."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from course.models import LearningPath, LearningPathModule
from progress.services import lesson_complete, lesson_visit_record
from quizzes.models import QuizPage
from tests.factories import UserFactory, make_course, make_quiz

from .helpers import lessons_of, modules_of, quiz_result, visible_text

pytestmark = pytest.mark.django_db

DASHBOARD = "/mon-apprentissage/"


@pytest.fixture
def course():
    return make_course(modules=2, lessons=3)


def test_dashboard_url_and_login_required(client):
    assert reverse("progress:dashboard") == DASHBOARD

    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_course_in_progress_shows_a_bar_and_continues_at_the_next_unfinished_lesson(client, learner, course):
    first_module, second_module = modules_of(course)
    one, two, three = lessons_of(first_module)
    lesson_complete(user=learner, lesson=one)
    lesson_complete(user=learner, lesson=three)
    lesson_visit_record(user=learner, lesson=lessons_of(second_module)[0])
    client.force_login(learner)

    html = client.get(DASHBOARD).content.decode()

    assert '<progress class="progress-meter__bar" max="6" value="2"' in html
    assert "2 / 6 lessons" in visible_text(html)
    assert f'href="{two.url}">Continue' in html


def test_continue_goes_to_the_quiz_when_the_lessons_of_an_in_order_module_are_done(client, learner):
    course = make_course(modules=2, lessons=1, unlock_in_order=True, slug="ordre")
    first_module = modules_of(course)[0]
    quiz = make_quiz(first_module)
    lesson_complete(user=learner, lesson=lessons_of(first_module)[0])
    client.force_login(learner)

    html = client.get(DASHBOARD).content.decode()

    assert f'href="{quiz.url}">Continue' in html


def test_continue_goes_to_the_next_modules_lesson_when_only_a_quiz_is_left_without_order(client, learner, course):
    first_module, second_module = modules_of(course)
    make_quiz(first_module)
    for lesson in lessons_of(first_module):
        lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)

    html = client.get(DASHBOARD).content.decode()

    assert f'href="{lessons_of(second_module)[0].url}">Continue' in html


def test_recommended_path_for_the_learners_role_with_its_progress(client, learner, course):
    first_module, second_module = modules_of(course)
    curator_path = LearningPath.objects.create(title="Parcours conservateur", slug="cons", role=Role.CURATOR)
    cm_path = LearningPath.objects.create(title="Parcours CM", slug="cm", role=Role.COMMUNITY_MANAGER)
    for path in (curator_path, cm_path):
        LearningPathModule.objects.create(path=path, module=first_module, sort_order=0)
        LearningPathModule.objects.create(path=path, module=second_module, sort_order=1)
    for lesson in lessons_of(first_module):
        lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)

    text = visible_text(client.get(DASHBOARD).content.decode())

    assert "Parcours CM" in text
    assert "Parcours conservateur" not in text
    assert "1 / 2 modules" in text
    assert "Module 1 ✓ Completed" in text


def test_completed_modules_show_their_best_quiz_score(client, learner, course):
    module = modules_of(course)[0]
    quiz = make_quiz(module)
    for lesson in lessons_of(module):
        lesson_complete(user=learner, lesson=lesson)
    quiz_result(learner, quiz, percent="55", passed=False)
    quiz_result(learner, quiz, percent="85", passed=True)
    client.force_login(learner)

    text = visible_text(client.get(DASHBOARD).content.decode())

    assert "Completed modules" in text
    assert "Module 1 Animer les réseaux sociaux" in text
    assert "85 %" in text


def test_recent_activity_lists_lessons_and_quizzes_newest_first(client, learner, course):
    module = modules_of(course)[0]
    one, two, _three = lessons_of(module)
    quiz = make_quiz(module, title="Quiz de positionnement")
    lesson_complete(user=learner, lesson=one)
    quiz_result(learner, quiz, percent="50", passed=False)
    lesson_visit_record(user=learner, lesson=two)
    client.force_login(learner)

    text = visible_text(client.get(DASHBOARD).content.decode())

    activity = text.split("Recent activity")[1]
    assert activity.index("Lesson started: Leçon 1.2") < activity.index("Quiz submitted: Quiz de positionnement")
    assert activity.index("Quiz submitted: Quiz de positionnement") < activity.index("Lesson done: Leçon 1.1")


def test_certificates_earned_are_listed(client, learner):
    course = make_course(modules=1, lessons=1, title="Parler aux publics", slug="publics")
    lesson_complete(user=learner, lesson=lessons_of(modules_of(course)[0])[0])
    client.force_login(learner)

    text = visible_text(client.get(DASHBOARD).content.decode())

    assert "Certificates earned Parler aux publics Completed on" in text
    assert "Completed courses Parler aux publics" in text


def test_dashboard_shows_only_the_learners_own_progress(client, learner, course):
    other = UserFactory()
    lesson_complete(user=other, lesson=lessons_of(modules_of(course)[0])[0])
    client.force_login(learner)

    text = visible_text(client.get(DASHBOARD).content.decode())

    assert "You have no course in progress." in text
    assert "Leçon 1.1" not in text


def _build(learner, *, modules, lessons, attempts, slug):
    course = make_course(modules=modules, lessons=lessons, slug=slug, title=f"Cours {slug}")
    for module in modules_of(course):
        quiz = make_quiz(module)
        for lesson in lessons_of(module)[:-1]:
            lesson_complete(user=learner, lesson=lesson)
        for n in range(attempts):
            quiz_result(learner, quiz, percent="90", passed=n == attempts - 1)
    final = make_quiz(course, title="Quiz final", slug="quiz-final")
    quiz_result(learner, final, percent="40", passed=False)
    return course


def test_dashboard_runs_the_same_queries_for_a_small_and_a_large_course(client, django_assert_max_num_queries):
    small_learner, large_learner = UserFactory(), UserFactory()
    path = LearningPath.objects.create(title="Parcours CM", slug="cm", role=Role.COMMUNITY_MANAGER)
    small = _build(small_learner, modules=1, lessons=2, attempts=1, slug="petit")
    large = _build(large_learner, modules=6, lessons=8, attempts=4, slug="grand")
    for index, module in enumerate(modules_of(small) + modules_of(large)):
        LearningPathModule.objects.create(path=path, module=module, sort_order=index)
    assert QuizPage.objects.count() == 9

    client.force_login(small_learner)
    client.get(DASHBOARD)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(DASHBOARD).status_code == 200
    small_count = len(small_queries)  # read now: the next request resets Django's query log
    client.force_login(large_learner)
    client.get(DASHBOARD)

    with django_assert_max_num_queries(small_count):
        response = client.get(DASHBOARD)

    assert "Cours grand" in visible_text(response.content.decode())
