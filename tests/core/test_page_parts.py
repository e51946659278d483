"""Page parts: the same for every reader, read once per generation per worker, never stale after a change."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from wagtail.models import PageViewRestriction

from core.page_cache import GENERATION_KEY, generation_pinned, page_part_get, pages_generation, pages_generation_bump
from lessons.models import LessonPage
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


class Counter:
    """A compute function that says how often it ran."""

    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


@pytest.fixture
def lesson():
    course = make_course(modules=1, lessons=2)
    return LessonPage.objects.descendant_of(course).order_by("path").first()


def test_page_part_is_computed_once_per_generation():
    compute = Counter(["a", "b"])

    first = page_part_get("test:part", compute, timeout=60)
    second = page_part_get("test:part", compute, timeout=60)
    pages_generation_bump()
    third = page_part_get("test:part", compute, timeout=60)

    assert first == second == third == ["a", "b"]
    assert compute.calls == 2


def test_each_read_of_a_page_part_gets_its_own_copy():
    page_part_get("test:list", Counter(["a"]), timeout=60)

    mine = page_part_get("test:list", Counter(["unused"]), timeout=60)
    mine.append("changed by one request")

    assert page_part_get("test:list", Counter(["unused"]), timeout=60) == ["a"]


def test_another_workers_bump_is_seen_by_this_worker_on_its_next_read():
    compute = Counter("v1")
    page_part_get("test:text", compute, timeout=60)

    cache.set(GENERATION_KEY, pages_generation() + 1, timeout=None)  # what another process's bump leaves
    compute.value = "v2"

    assert page_part_get("test:text", compute, timeout=60) == "v2"


def test_generation_is_read_once_inside_a_request():
    before = pages_generation()

    with generation_pinned():
        assert pages_generation() == before
        cache.set(GENERATION_KEY, before + 1, timeout=None)  # another process, during this request
        assert pages_generation() == before
    assert pages_generation() == before + 1


def test_a_bump_inside_a_request_is_seen_by_the_rest_of_that_request():
    before = pages_generation()

    with generation_pinned():
        pages_generation()
        pages_generation_bump()
        during = pages_generation()

    assert during != before
    assert during == pages_generation()


def test_warm_signed_in_lesson_reads_the_cache_once_for_the_session_and_the_generation(
    client, learner, lesson, monkeypatch
):
    client.force_login(learner)
    client.get(lesson.url)
    reads: list = []
    inside_get_many = []  # the local-memory cache answers get_many with its own get: one round trip in Redis
    get, get_many = cache.get, cache.get_many

    def counted_get(key, *args, **kwargs):
        if not inside_get_many:
            reads.append(key)
        return get(key, *args, **kwargs)

    def counted_get_many(keys, *args, **kwargs):
        reads.append(keys)
        inside_get_many.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            inside_get_many.pop()

    monkeypatch.setattr(cache, "get", counted_get)
    monkeypatch.setattr(cache, "get_many", counted_get_many)

    response = client.get(lesson.url)

    assert response.status_code == 200
    assert len(reads) == 1
    assert GENERATION_KEY in reads[0]
    assert any(key.endswith(client.session.session_key) for key in reads[0])


def test_restricting_a_lesson_to_a_group_takes_effect_for_a_learner_who_read_it(client, learner, lesson):
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 200

    restriction = PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Autre équipe"))

    assert client.get(lesson.url).status_code != 200


def test_a_learner_in_the_restricted_group_still_reads_the_lesson(client, lesson):
    member = UserFactory()
    team = Group.objects.create(name="Équipe du musée")
    member.groups.add(team)
    restriction = PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(team)
    client.force_login(member)

    assert client.get(lesson.url).status_code == 200
    assert Client().get(lesson.url).status_code == 302


def test_lifting_a_restriction_opens_the_lesson_again(lesson):
    restriction = PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.LOGIN)
    assert Client().get(lesson.url).status_code == 302

    restriction.delete()

    assert Client().get(lesson.url).status_code == 200


def _render(source: str, **context) -> str:
    from django.template import engines

    return engines["django"].from_string("{% load page_parts %}" + source).render(context)


def test_a_csrf_token_inside_a_page_part_is_refused(rf, lesson):
    from django.middleware.csrf import get_token

    from core.templatetags.page_parts import CsrfTokenInPagePartError

    request = rf.get(lesson.url)
    get_token(request)

    with pytest.raises(CsrfTokenInPagePartError):
        _render('{% page_part "form" page %}{% csrf_token %}{% endpage_part %}', request=request, page=lesson)


def test_inside_a_page_part_there_is_no_user(rf, learner, lesson):
    request = rf.get(lesson.url)
    request.user = learner

    html = _render(
        '{% page_part "who" page %}[{{ user.email }}]{% endpage_part %}', request=request, page=lesson, user=learner
    )

    assert html == "[]"


def test_a_page_part_is_rendered_once_then_reused_but_never_in_a_preview(rf, lesson):
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    source = '{% page_part "title" page %}{{ page.title }}{% endpage_part %}'
    request = rf.get(lesson.url)
    first = _render(source, request=request, page=lesson)

    lesson.title = "Titre pas encore publié"
    again = _render(source, request=rf.get(lesson.url), page=lesson)
    preview_request = rf.get(lesson.url)
    preview_request.is_preview = True
    preview = _render(source, request=preview_request, page=lesson)

    assert again == first != "Titre pas encore publié"
    assert preview == "Titre pas encore publié"


@pytest.fixture
def quiz():
    from course.models import ModulePage
    from tests.factories import make_quiz, sample_question

    module = ModulePage.objects.descendant_of(make_course(modules=1, lessons=1)).get()
    return make_quiz(module, questions=[sample_question("single")])


def test_restricting_a_quiz_takes_effect_for_a_visitor_who_saw_its_start_screen(client, quiz):
    assert client.get(quiz.url).status_code == 200

    PageViewRestriction.objects.create(page=quiz, restriction_type=PageViewRestriction.LOGIN)

    assert Client().get(quiz.url).status_code == 302


def test_renaming_a_module_shows_in_the_breadcrumbs_of_its_quiz(client, learner, quiz):
    client.force_login(learner)
    client.get(quiz.url)
    module = quiz.get_parent().specific

    module.title = "Module rebaptisé"
    module.save_revision().publish()

    assert "Module rebaptisé" in client.get(quiz.url).text
