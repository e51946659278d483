"""The scenario in the Wagtail editor: YAML field, the SVG graph panel, and a broken graph refused."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from crisis.models import CrisisScenarioPage

from .helpers import FIXTURE


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser(email="admin@musee.test", password="x" * 12, full_name="Admin")
    client.force_login(admin)
    return client


def _post(client, scenario, definition_text):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[scenario.pk]),
        {
            "title": scenario.title,
            "slug": scenario.slug,
            "definition": definition_text,
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
            "action-publish": "action-publish",
        },
    )


def test_the_editor_shows_the_scenario_as_yaml_and_its_graph(admin_client, scenario):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[scenario.pk])).content.decode()

    assert "start: s1" in html
    assert "<svg" in html and 'data-step="fin-mal"' in html and 'data-recommended="true"' in html


def test_a_broken_graph_is_refused_with_its_errors_and_nothing_is_saved(admin_client, scenario):
    broken = FIXTURE.read_text(encoding="utf-8").replace("next: s3", "next: s9")

    response = _post(admin_client, scenario, broken)

    assert response.status_code == 200
    html = response.content.decode()
    assert "mène à «\u00a0s9\u00a0», qui n’est pas une étape." in html
    assert CrisisScenarioPage.objects.get(pk=scenario.pk).definition["steps"][0]["choices"][1]["next"] == "s3"


def test_invalid_yaml_is_refused(admin_client, scenario):
    response = _post(admin_client, scenario, "steps: [unclosed")

    assert "Ce n’est pas du YAML valide" in response.content.decode()


def test_a_valid_edit_is_published(admin_client, scenario):
    edited = FIXTURE.read_text(encoding="utf-8").replace("Attendre lundi", "Attendre mardi")

    response = _post(admin_client, scenario, edited)

    assert response.status_code == 302
    page = CrisisScenarioPage.objects.get(pk=scenario.pk)
    assert page.live and page.definition["steps"][0]["choices"][1]["text"] == "Attendre mardi"
