"""Failed logins are rate limited, on the public login page and therefore on the admin's."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _fail_login(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": "wrong-password"})


def test_repeated_failed_logins_for_one_account_are_refused(client, learner):
    for _ in range(5):
        response = _fail_login(client, learner.email)
        assert response.status_code == 200

    response = _fail_login(client, learner.email)

    assert response.status_code == 200
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_correct_password_is_refused_too_while_the_account_is_limited(client, learner):
    for _ in range(5):
        _fail_login(client, learner.email)

    response = client.post(reverse("account_login"), {"login": learner.email, "password": "correct-horse-battery"})

    assert response.status_code == 200
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_accounts_are_not_limited_by_one_accounts_failures(client, learner, trainer):
    for _ in range(5):
        _fail_login(client, learner.email)

    response = client.post(reverse("account_login"), {"login": trainer.email, "password": "correct-horse-battery"})

    assert response.status_code == 302


def test_failed_logins_from_one_address_do_not_lock_the_account_on_another_network(learner):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        _fail_login(attacker, learner.email)
    locked = attacker.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})

    response = Client(REMOTE_ADDR="198.51.100.20").post(
        reverse("account_login"), {"login": learner.email, "password": PASSWORD}
    )

    assert "Trop de tentatives de connexion" in locked.content.decode()
    assert response.status_code == 302


def test_a_class_of_sixty_learners_behind_one_address_can_all_sign_in_within_a_minute():
    learners = UserFactory.create_batch(60)

    responses = [
        Client(REMOTE_ADDR="192.0.2.50").post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        for user in learners
    ]

    assert [response.status_code for response in responses] == [302] * 60


def test_a_class_of_thirty_behind_one_address_can_all_sign_up_within_a_minute():
    responses = [
        Client(REMOTE_ADDR="192.0.2.51").post(
            reverse("account_signup"),
            {
                "full_name": f"Apprenante {number}",
                "email": f"apprenante{number}@musee.test",
                "role": "community_manager",
                "password1": "un-mot-de-passe-solide",
                "password2": "un-mot-de-passe-solide",
            },
        )
        for number in range(30)
    ]

    assert [response.status_code for response in responses] == [302] * 30


def test_wagtail_admin_login_goes_through_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/admin/pages/"
