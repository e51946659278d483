"""The live check: the page sends the post's fields, the server runs the same checker and answers in JSON."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("studio:check")
FLAWED = {"network": "instagram", "text": "Venez voir le tableau restauré ! #grandpaysagerestaure", "has_image": "1"}


def test_visitors_are_refused_with_a_reason(client):
    response = client.post(URL, FLAWED)

    assert response.status_code == 403
    assert response.json()["error"] == "Connectez-vous pour vérifier votre publication."


def test_only_post_is_accepted(client, learner):
    client.force_login(learner)

    assert client.get(URL).status_code == 405


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"network": "myspace", "text": "Bonjour"}, "Réseau inconnu."),
        ({"network": "x", "text": "a" * 5001}, "5000"),
        ({"network": "x", "text": "Bonjour\x00"}, "caractères de contrôle invisibles"),
        ({"network": "x", "text": "Bonjour", "credit": "c" * 501}, "500"),
    ],
)
def test_bad_input_gets_a_400_with_its_reason(client, learner, data, error):
    client.force_login(learner)

    response = client.post(URL, data)

    assert response.status_code == 400
    assert error in response.json()["error"]


def test_the_checker_reports_the_flaws_and_the_length_as_the_network_counts_it(client, learner):
    client.force_login(learner)

    data = client.post(URL, FLAWED).json()

    rules = {finding["rule"] for finding in data["findings"]}
    assert {"hashtag-camel-case", "alt-missing"} <= rules
    assert data["length"] == {
        "count": len(FLAWED["text"]),
        "limit": 2200,
        "counting": "characters",
        "preview_cut": 125,
        "is_over": False,
    }
    assert data["network_label"] == "Instagram"


def test_x_counts_a_link_as_23_characters(client, learner):
    client.force_login(learner)

    data = client.post(URL, {"network": "x", "text": "Lire : https://example.org/" + "a" * 100}).json()

    assert data["length"]["count"] == len("Lire : ") + 23


def test_a_fixed_post_has_nothing_left_to_fix(client, learner):
    client.force_login(learner)
    fixed = {
        **FLAWED,
        "text": "Le « Grand Paysage » est restauré : venez le voir en salle 4. #GrandPaysage",
        "alt_text": "Une restauratrice retouche au pinceau le ciel d’un grand paysage posé sur un chevalet.",
    }

    assert client.post(URL, fixed).json()["findings"] == []


def test_too_many_checks_in_a_minute_are_refused(client, learner, settings):
    settings.STUDIO_CHECK_RATE_LIMIT = 2
    client.force_login(learner)

    statuses = [client.post(URL, FLAWED).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert "Trop de vérifications" in client.post(URL, FLAWED).json()["error"]
