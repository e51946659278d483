"""The learner's dashboard « Mon apprentissage »."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from course.models import LearningPath, LearningPathModule
from progress.models import PathEnrollment
from progress.services import lesson_complete, lesson_visit_record
from quizzes.models import AttemptStatus, QuizPage
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


def test_paths_are_offered_with_the_one_for_the_learners_role_first_and_followed_on_request(client, learner, course):
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
    assert text.index("Parcours CM") < text.index("Parcours conservateur")
    assert "Recommended for your role" in text
    assert "1 / 2 modules" not in text  # not followed yet: no progress shown

    response = client.post(reverse("progress:path_choose", args=[cm_path.pk]))
    assert response.status_code == 302
    text = visible_text(client.get(DASHBOARD).content.decode())
    assert "1 / 2 modules" in text
    assert "Module 1 ✓ Completed" in text
    assert "Stop following this path : Parcours CM" in text
    assert "Follow this path : Parcours conservateur" in text


def test_a_path_says_exactly_what_else_the_course_certificate_needs(client, learner, course):
    first_module, _second_module = modules_of(course)
    make_quiz(course, title="Quiz final du cours")
    path = LearningPath.objects.create(title="Parcours court", slug="court", role=Role.CURATOR)
    LearningPathModule.objects.create(path=path, module=first_module, sort_order=0)
    client.force_login(learner)

    text = visible_text(client.get(DASHBOARD).content.decode())

    assert "This path gives no certificate of its own." in text
    assert "you also need: the module “Module 2” the final quiz “Quiz final du cours”" in text


def test_choosing_a_path_needs_a_post_and_a_login(client, learner, course):
    path = LearningPath.objects.create(title="Parcours", slug="p", role=Role.CURATOR)
    url = reverse("progress:path_choose", args=[path.pk])
    assert client.post(url).status_code == 302  # to the login page
    assert not PathEnrollment.objects.exists()
    client.force_login(learner)
    assert client.get(url).status_code == 405
    assert client.post(reverse("progress:path_choose", args=[9999])).status_code == 404
    assert not PathEnrollment.objects.exists()


def test_a_quiz_waiting_for_review_is_listed_as_pending_with_its_provisional_score(client, learner, course):
    module = modules_of(course)[0]
    quiz = make_quiz(module, title="Quiz écriture")
    for lesson in lessons_of(module):
        lesson_complete(user=learner, lesson=lesson)
    quiz_result(learner, quiz, percent="47.36", passed=None, status=AttemptStatus.PENDING_REVIEW)
    client.force_login(learner)

    text = visible_text(client.get(DASHBOARD).content.decode())

    assert "Waiting for a trainer's review" in text
    assert "Quiz écriture – waiting for review (provisional score 47 %)" in text
    assert "No module completed yet." in text
    assert "Passed" not in text


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
