"""``load_guide_course`` on a small copy of the content: updates, trainers' edits protected, ``--check``."""

import pytest
from django.core.management import CommandError
from wagtail.models import Revision

from course.models import CoursePage, LearningPath
from lessons.models import LessonPage
from tests.helpers import guide_course_load, small_guide_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_content(tmp_path, settings):
    """One module, two lessons and a quiz: enough to exercise updates and protection quickly."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return small_guide_content(tmp_path / "content", lessons=2)


def test_a_changed_lesson_is_updated_through_a_new_revision(small_content):
    guide_course_load("--content", str(small_content))
    lesson_file = sorted((small_content / "05-gestion-de-crise").glob("01-*.md"))[0]
    text = lesson_file.read_text(encoding="utf-8")
    lesson_file.write_text(text.replace("\n## ", "\nUne phrase ajoutée par l'auteur.\n\n## ", 1), encoding="utf-8")

    output = guide_course_load("--content", str(small_content))

    assert "1 updated" in output
    lesson = LessonPage.objects.get(slug="reconnaitre-une-crise")
    assert "Une phrase ajoutée par l’auteur." in str(lesson.body)
    assert lesson.revisions.count() == 2


def test_a_trainers_edit_is_protected_unless_forced(small_content):
    guide_course_load("--content", str(small_content))
    lesson = LessonPage.objects.get(slug="reconnaitre-une-crise")
    lesson.summary = "Résumé réécrit par une formatrice."
    lesson.save_revision().publish()
    lesson_file = sorted((small_content / "05-gestion-de-crise").glob("02-*.md"))[0]
    lesson_file.write_text(lesson_file.read_text(encoding="utf-8").replace("\n## ", "\nAjout.\n\n## ", 1), "utf-8")
    revisions = Revision.objects.count()

    with pytest.raises(CommandError) as excinfo:
        guide_course_load("--content", str(small_content))

    message = str(excinfo.value)
    assert "reconnaitre-une-crise" in message and "--force" in message
    assert Revision.objects.count() == revisions  # nothing written, not even the other lesson's change
    assert LessonPage.objects.get(slug="reconnaitre-une-crise").summary == "Résumé réécrit par une formatrice."

    guide_course_load("--content", str(small_content), "--force")

    assert LessonPage.objects.get(slug="reconnaitre-une-crise").summary != "Résumé réécrit par une formatrice."


def test_a_learning_path_edited_in_the_admin_is_protected(small_content):
    (small_content / "paths.yaml").write_text(
        "- slug: crise\n  title: Crise\n  role: trainer\n  modules: [gestion-de-crise]\n", encoding="utf-8"
    )
    guide_course_load("--content", str(small_content))
    LearningPath.objects.filter(slug="crise").update(title="Crise (revu)")

    with pytest.raises(CommandError, match="path:crise"):
        guide_course_load("--content", str(small_content))

    assert LearningPath.objects.get(slug="crise").title == "Crise (revu)"


def test_check_validates_without_writing(small_content):
    output = guide_course_load("--content", str(small_content), "--check")

    assert output.startswith("Content is valid: 1 modules, 2 lessons, 1 quizzes")
    assert not CoursePage.objects.exists()
