"""Sessions read ahead with the page generation (core.sessions): the same session, never a stale one."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_learner_stays_signed_in_from_page_to_page(learner):
    client = Client()
    client.force_login(learner)

    for _ in range(2):
        page = client.get(reverse("progress:dashboard"))
        assert page.status_code == 200
        assert "Se déconnecter" in page.text


def test_each_learner_gets_their_own_session(client):
    first, second = UserFactory(), UserFactory()
    first_client, second_client = Client(), Client()
    first_client.force_login(first)
    second_client.force_login(second)

    assert first_client.get("/").wsgi_request.user == first
    assert second_client.get("/").wsgi_request.user == second
    assert first_client.get("/").wsgi_request.user == first


def test_a_session_ended_by_logging_out_is_not_read_again(learner):
    client = Client()
    client.force_login(learner)
    old_cookie = client.cookies["sessionid"].value
    client.get("/")

    client.post(reverse("account_logout"))
    replay = Client()
    replay.cookies["sessionid"] = old_cookie

    response = replay.get(reverse("progress:dashboard"))
    assert response.status_code == 302  # to the login page: the old session is gone
    assert not response.wsgi_request.user.is_authenticated


def test_a_value_stored_in_the_session_is_read_back_on_the_next_request(learner):
    client = Client()
    client.force_login(learner)
    session = client.session
    session["lumiere_test"] = "gardé"
    session.save()

    request = client.get("/").wsgi_request

    assert request.session["lumiere_test"] == "gardé"
