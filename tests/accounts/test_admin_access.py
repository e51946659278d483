import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login_from_admin(client):
    response = client.get(reverse("wagtailadmin_home"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_learner_cannot_open_wagtail_admin(client, learner):
    client.force_login(learner)

    response = client.get(reverse("wagtailadmin_home"), follow=True)  # no redirect loop

    assert response.status_code == 403


def test_trainer_can_open_wagtail_admin_and_explore_pages(client, trainer):
    client.force_login(trainer)

    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailadmin_explore_root"), follow=True).status_code == 200


def test_trainer_has_no_access_to_user_management(client, trainer):
    client.force_login(trainer)

    response = client.get(reverse("wagtailusers_users:index"))

    assert response.status_code in (302, 403)


def test_learner_header_has_no_trainer_link_but_trainer_header_has(client, learner, trainer):
    client.force_login(learner)
    assert reverse("wagtailadmin_home") not in client.get("/").content.decode()

    client.force_login(trainer)
    assert reverse("wagtailadmin_home") in client.get("/").content.decode()
