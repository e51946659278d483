"""Sign up → verification e-mail → log in → log out, as a learner does it."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import Role, User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "  Léa   Dupré-Œillet ",
    "email": "Lea.Dupre@Musee.test",
    "role": Role.CURATOR,
    "password1": "un-mot-de-passe-solide",
    "password2": "un-mot-de-passe-solide",
}


def _confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_signup_form_asks_for_name_email_role_and_password(client):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    for name in ("full_name", "email", "role", "password1", "password2"):
        assert f'name="{name}"' in html
    assert 'lang="fr"' in html


def test_signup_sends_verification_email_and_blocks_login_until_confirmed(client):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    user = User.objects.get(email="lea.dupre@musee.test")
    assert user.full_name == "Léa Dupré-Œillet"
    assert user.role == Role.CURATOR
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lea.dupre@musee.test"]

    client.logout()
    response = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


def test_confirmed_learner_can_log_in_and_out(client):
    client.post(reverse("account_signup"), SIGNUP)
    link = _confirmation_link(mail.outbox[0])

    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="lea.dupre@musee.test").verified

    client.logout()
    response = client.post(reverse("account_login"), {"login": "lea.dupre@musee.test", "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200

    client.post(reverse("account_logout"))
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_signup_with_missing_name_rerenders_with_error_and_creates_nothing(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "full_name": "   "})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_full_name_errors"' in html
    assert not User.objects.exists()
    assert mail.outbox == []


def test_email_is_unique_whatever_its_case(client, learner):
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": learner.email.upper()})

    assert response.status_code in (200, 302)
    assert User.objects.filter(email__iexact=learner.email).count() == 1


def test_password_reset_sends_a_link_that_sets_a_new_password(client, learner):
    client.post(reverse("account_reset_password"), {"email": learner.email})

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": "tout-nouveau-secret", "password2": "tout-nouveau-secret"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("tout-nouveau-secret")
