"""Imports only invite: nobody joins a cohort before accepting, and the preview never tells who has an account."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Membership, PendingInvitation
from cohorts.services import CohortError, learners_import_apply, learners_import_preview
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _upload(client, cohort, content: bytes):
    return client.post(
        reverse("cohorts_admin:import", args=[cohort.pk]),
        {"file": SimpleUploadedFile("learners.csv", content, content_type="text/csv")},
    )


def _invite(cohort, trainer, email: str) -> PendingInvitation:
    learners_import_apply(cohort=cohort, data=email.encode(), invited_by=trainer)
    return PendingInvitation.objects.get(cohort=cohort, email=email)


def test_existing_account_is_not_in_the_cohort_until_it_accepts(client, cohort_a, trainer_a):
    claire = UserFactory(email="claire@musee.test", full_name="Claire Existante")
    invitation = _invite(cohort_a, trainer_a, "claire@musee.test")
    assert not cohort_a.memberships.filter(user=claire).exists()

    client.force_login(trainer_a)
    assert "Claire Existante" not in client.get(reverse("cohorts_admin:detail", args=[cohort_a.pk])).content.decode()

    client.force_login(claire)
    url = reverse("cohorts:invitation", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Promotion A" in page.content.decode()
    assert not cohort_a.memberships.filter(user=claire).exists()  # looking is not accepting

    response = client.post(url)

    assert response.status_code == 302
    assert cohort_a.memberships.filter(user=claire, source=Membership.Source.IMPORT).exists()
    assert not PendingInvitation.objects.filter(pk=invitation.pk).exists()


def _preview_html(client, cohort, email: str) -> str:
    """The preview section as the trainer reads it, with the address, the signed payload and the CSRF token blanked."""
    html = _upload(client, cohort, f"{email};Nom Prénom\n".encode()).content.decode()
    section = re.search(r'<section[^>]*aria-labelledby="import-preview".*?</section>', html, re.S).group(0)
    section = re.sub(r'value="[^"]*"', 'value=""', section)
    return section.replace(email, "ADDRESS")


def test_preview_reads_the_same_for_known_unknown_and_deactivated_addresses(client, cohort_a, trainer_a):
    UserFactory(email="connue@musee.test")
    UserFactory(email="inactif@musee.test", is_active=False)
    client.force_login(trainer_a)

    known = _preview_html(client, cohort_a, "connue@musee.test")
    unknown = _preview_html(client, cohort_a, "pasdecompte@musee.test")
    deactivated = _preview_html(client, cohort_a, "inactif@musee.test")

    assert known == unknown == deactivated
    assert "Recevra une invitation par e-mail" in known


def test_preview_rejects_an_address_longer_than_254_characters(client, cohort_a, trainer_a):
    long_address = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example.fr"
    assert len(long_address) > 254
    client.force_login(trainer_a)

    response = _upload(client, cohort_a, f"{long_address}\nok@musee.test\n".encode())

    assert response.status_code == 400
    assert "Cette adresse dépasse 254\u00a0caractères." in response.content.decode()
    assert "payload" not in response.content.decode()
    with pytest.raises(CohortError):
        learners_import_apply(cohort=cohort_a, data=long_address.encode(), invited_by=trainer_a)
    assert not PendingInvitation.objects.exists()


def test_invitation_link_of_another_account_is_refused(client, cohort_a, trainer_a):
    UserFactory(email="claire@musee.test")
    intruder = UserFactory(email="intrus@musee.test")
    invitation = _invite(cohort_a, trainer_a, "claire@musee.test")
    client.force_login(intruder)
    url = reverse("cohorts:invitation", args=[invitation.token])

    page = client.get(url)
    refused = client.post(url)

    assert page.status_code == refused.status_code == 403
    assert "Promotion A" not in page.content.decode()
    assert "une autre adresse" in refused.content.decode()
    assert not cohort_a.memberships.filter(user=intruder).exists()
    assert PendingInvitation.objects.filter(pk=invitation.pk).exists()


def test_expired_invitation_is_refused_and_a_new_import_renews_it(client, cohort_a, trainer_a):
    claire = UserFactory(email="claire@musee.test")
    invitation = _invite(cohort_a, trainer_a, "claire@musee.test")
    PendingInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(claire)

    refused = client.post(reverse("cohorts:invitation", args=[invitation.token]))

    assert refused.status_code == 403
    assert not cohort_a.memberships.filter(user=claire).exists()
    preview = learners_import_preview(cohort=cohort_a, data=b"claire@musee.test\n")
    assert preview.count_invite == 1
    renewed = _invite(cohort_a, trainer_a, "claire@musee.test")
    assert renewed.token != invitation.token
    assert renewed.expires_at > timezone.now()
    assert client.post(reverse("cohorts:invitation", args=[renewed.token])).status_code == 302
    assert cohort_a.memberships.filter(user=claire).exists()


def test_invitation_link_requires_signing_in(client, cohort_a, trainer_a):
    invitation = _invite(cohort_a, trainer_a, "nouveau@musee.test")

    response = client.get(reverse("cohorts:invitation", args=[invitation.token]))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


# A NUL byte never reaches the view: core.middleware.HostileUrlMiddleware answers 400 first.
@pytest.mark.parametrize(
    ("token", "status"), [("inconnu", 404), ("a" * 65, 404), ("abc%00def", 400), ("abc\x00def", 400)]
)
def test_unknown_or_malformed_invitation_token_is_refused(client, learner, token, status):
    client.force_login(learner)
    assert client.get(f"/cohortes/invitation/{token}/").status_code == status


def test_signing_up_with_an_address_whose_invitation_expired_joins_nothing(cohort_a, trainer_a):
    from allauth.account.models import EmailAddress
    from allauth.account.signals import email_confirmed

    _invite(cohort_a, trainer_a, "tardif@musee.test")
    PendingInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    user = UserFactory(email="tardif@musee.test")

    email_confirmed.send(sender=EmailAddress, request=None, email_address=EmailAddress.objects.get(user=user))

    assert not cohort_a.memberships.filter(user=user).exists()


@pytest.mark.parametrize(("token", "status"), [("abc%00def", 400), ("abc\x00def", 400), ("é" * 10, 404)])
def test_malformed_cohort_link_is_refused(client, learner, token, status):
    client.force_login(learner)
    assert client.get(f"/cohortes/rejoindre/{token}/").status_code == status


def test_a_member_opening_the_cohort_link_again_is_sent_on_to_her_learning(client, cohort_a, learner):
    Membership.objects.create(cohort=cohort_a, user=learner, source="link")
    client.force_login(learner)

    html = client.get(reverse("cohorts:join", args=[cohort_a.invitation_token])).content.decode()

    assert "Vous faites déjà partie de cette cohorte." in html
    assert f'href="{reverse("progress:dashboard")}"' in html
