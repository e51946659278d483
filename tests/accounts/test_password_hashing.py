"""Passwords are hashed with Argon2id in production; older PBKDF2 hashes still work and are upgraded."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_production_settings_hash_with_argon2_first():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_pbkdf2_password_still_signs_in_and_is_upgraded_to_argon2(client):
    user = UserFactory()
    user.password = make_password("un-ancien-mot-de-passe", hasher="pbkdf2_sha256")
    user.save()

    response = client.post(reverse("account_login"), {"login": user.email, "password": "un-ancien-mot-de-passe"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
