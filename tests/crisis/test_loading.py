"""Loading scenario-*.yaml files with the guide course: pages after the lessons, idempotent, errors reported."""

import shutil

import pytest
from django.core.management import CommandError

from crisis.models import CrisisScenarioPage
from quizzes.models import QuizPage
from tests.helpers import CRISIS_MODULE, guide_course_load, small_guide_content

from .helpers import FIXTURE

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(tmp_path, settings):
    """One module with two lessons, the fixture scenario and the quiz."""
    settings.MEDIA_ROOT = tmp_path / "media"
    root = small_guide_content(tmp_path / "content", lessons=2)
    module = root / CRISIS_MODULE
    for scenario in module.glob("scenario-*.yaml"):
        scenario.unlink()
    shutil.copy(FIXTURE, module / "scenario-essai.yaml")
    return root


def test_a_scenario_file_becomes_a_page_after_the_lessons_and_before_the_quiz(content):
    guide_course_load("--content", str(content))

    page = CrisisScenarioPage.objects.get(slug="crise-essai")
    assert page.title == "Un commentaire inquiétant"
    assert page.definition["start"] == "s1" and "slug" not in page.definition
    siblings = [child.specific_class for child in page.get_parent().get_children()]
    assert siblings == [siblings[0], siblings[1], CrisisScenarioPage, QuizPage]
    assert "1 crisis simulations" in guide_course_load("--content", str(content), "--check")


def test_loading_twice_leaves_the_scenario_unchanged(content):
    guide_course_load("--content", str(content))
    revision = CrisisScenarioPage.objects.get().latest_revision_id

    output = guide_course_load("--content", str(content))

    assert "0 created, 0 updated" in output
    assert CrisisScenarioPage.objects.get().latest_revision_id == revision


def test_check_reports_graph_errors_with_their_file(content):
    scenario = content / "05-gestion-de-crise" / "scenario-essai.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("next: s3", "next: s9"), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        guide_course_load("--content", str(content), "--check")

    message = str(error.value)
    assert "scenario-essai.yaml" in message
    assert "«\u00a0s9\u00a0», qui n’est pas une étape" in message
    assert "aucun parcours depuis le départ n’y mène" in message
    assert not CrisisScenarioPage.objects.exists()
