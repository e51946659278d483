"""Failed logins are rate limited, on the public login page and therefore on the admin's."""

import pytest
from django.urls import reverse

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


def test_wagtail_admin_login_goes_through_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/admin/pages/"
