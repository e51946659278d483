import pytest
from django.urls import reverse

from accounts.models import Role

pytestmark = pytest.mark.django_db


def test_learner_updates_name_and_role_on_profile(client, learner):
    client.force_login(learner)

    response = client.post(reverse("accounts:profile"), {"full_name": "Inès Moreau", "role": Role.TRAINER})

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.full_name == "Inès Moreau"
    assert learner.role == Role.TRAINER


def test_profile_with_blank_name_shows_error_and_keeps_old_name(client, learner):
    client.force_login(learner)
    old_name = learner.full_name

    response = client.post(reverse("accounts:profile"), {"full_name": "", "role": Role.CURATOR})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    learner.refresh_from_db()
    assert learner.full_name == old_name
    assert learner.role == Role.COMMUNITY_MANAGER


def test_profile_links_to_two_factor_settings(client, trainer):
    client.force_login(trainer)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert reverse("mfa_index") in html
