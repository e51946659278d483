"""``load_guide_course`` on the real content: the whole course on an empty database, idempotence, rendering.

Updates and the protection of trainers' edits are in ``test_guide_course_updates.py``, on a small copy: the
whole course is loaded once for this module, and those tests need a database without it."""

import pytest
from django.test import override_settings
from wagtail.models import Page, Revision

from course.models import CoursePage, LearningPath, ModulePage
from lessons.models import LessonPage
from quizzes.grading import answer_right_build, grade_question
from quizzes.models import QuizPage
from quizzes.question_types import question_type_is_reviewed
from quizzes.questions import question_spec_build
from tests.helpers import CONTENT, guide_course_load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded_course(module_db, django_db_blocker, tmp_path_factory):
    """The whole course, loaded once for the module (about 15 s of CPU); each test's changes are rolled back."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        with django_db_blocker.unblock():
            output = guide_course_load()
        yield output


def test_loading_on_an_empty_database_creates_the_whole_course(loaded_course, client):
    assert loaded_course.strip().endswith("12 modules, 52 lessons, 13 quizzes, 151 questions, 3 learning paths")
    course = CoursePage.objects.get(slug="animer-les-reseaux-sociaux-d-un-musee")
    assert course.live and course.title == "Animer les réseaux sociaux d’un musée"
    modules = ModulePage.objects.child_of(course).live()
    assert [module.slug for module in modules][:2] == ["strategie-ligne-editoriale", "ton-et-voix"]
    assert all(QuizPage.objects.child_of(module).live().count() == 1 for module in modules)
    curator_path = LearningPath.objects.get(role="curator")
    assert [item.module.slug for item in curator_path.path_modules.order_by("sort_order")] == [
        "ton-et-voix",
        "ecrire-pour-chaque-reseau",
        "impliquer-conservateurs-experts",
        "droits-images-donnees",
    ]

    response = client.get(course.url)
    assert "Gestion de crise" in response.content.decode()


def test_loading_twice_changes_nothing(loaded_course):
    revisions = Revision.objects.count()
    published = dict(Page.objects.values_list("pk", "last_published_at"))

    output = guide_course_load()

    assert "0 created, 0 updated, 84 unchanged." in output
    assert Revision.objects.count() == revisions
    assert dict(Page.objects.values_list("pk", "last_published_at")) == published


def test_every_lesson_renders_with_its_blocks(loaded_course, client):
    lessons = list(LessonPage.objects.live())
    assert len(lessons) == 52
    block_types = set()
    for lesson in lessons:
        response = client.get(lesson.url)
        assert response.status_code == 200, lesson.url
        assert (
            lesson.title.replace("’", "&#x27;") in response.content.decode()
            or lesson.title in response.content.decode()
        )
        block_types.update(block.block_type for block in lesson.body)
        for block in lesson.body:
            if block.block_type == "image":
                assert block.value["alt_text"] and block.value["image"] is not None
    assert {
        "heading",
        "text",
        "image",
        "quote",
        "callout",
        "checklist",
        "key_figures",
        "do_dont",
        "case_study",
    } <= block_types
    assert {"document", "social_post"} <= block_types


def test_every_question_is_gradable_and_a_fully_right_answer_scores_the_maximum(loaded_course):
    count = 0
    for quiz in QuizPage.objects.live():
        for block in quiz.questions.raw_data:
            spec = question_spec_build(question_id=block["id"], block_type=block["type"], value=block["value"])
            result = grade_question(question=spec, answer=answer_right_build(question=spec))
            if not question_type_is_reviewed(block["type"]):  # open writing and posts wait for a trainer
                assert result.points == result.max_points, (quiz.slug, block["id"])
            count += 1
    assert count == 151


def test_a_loaded_lesson_keeps_the_check_date_of_its_file(loaded_course):
    lesson = LessonPage.objects.get(slug="formats-et-contraintes")

    assert lesson.reviewed_on is not None
    source = next(CONTENT.glob("03-*/01-formats-et-contraintes.md")).read_text(encoding="utf-8")
    assert f"reviewed_on: {lesson.reviewed_on.isoformat()}\n" in source
