"""Trainers revoke certificates in the Wagtail admin, with a reason."""

from django.urls import reverse

from certificates.models import Certificate


def test_trainer_lists_and_revokes_a_certificate_with_a_reason(client, certificate, trainer):
    client.force_login(trainer)

    listing = client.get(reverse("certificate_admin:index"))
    response = client.post(
        reverse("certificate_admin:edit", args=[certificate.pk]), {"revocation_reason": "Plagiat constaté"}
    )

    assert listing.status_code == 200
    assert certificate.learner_name in listing.content.decode()
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revocation_reason == "Plagiat constaté"
    assert certificate.revoked_by == trainer


def test_revoking_without_a_reason_is_refused_and_changes_nothing(client, certificate, trainer):
    client.force_login(trainer)

    response = client.post(reverse("certificate_admin:edit", args=[certificate.pk]), {"revocation_reason": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["revocation_reason"]
    assert not Certificate.objects.get(pk=certificate.pk).is_revoked


def test_certificates_cannot_be_created_or_deleted_in_the_admin(client, certificate, trainer):
    client.force_login(trainer)

    assert client.get(reverse("certificate_admin:add")).status_code in (302, 403)
    assert client.post(reverse("certificate_admin:delete", args=[certificate.pk])).status_code in (302, 403)
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_learners_cannot_reach_the_certificate_admin(client, certificate, learner):
    client.force_login(learner)

    response = client.post(
        reverse("certificate_admin:edit", args=[certificate.pk]), {"revocation_reason": "Je révoque"}
    )

    assert response.status_code in (302, 403)
    assert not Certificate.objects.get(pk=certificate.pk).is_revoked
