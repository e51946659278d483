"""Trainers revoke certificates in the Wagtail admin, with a reason."""

from django.urls import reverse

from certificates.models import Certificate


def test_trainer_lists_and_revokes_a_certificate_with_a_reason(client, certificate, learners_trainer):
    trainer = learners_trainer
    client.force_login(trainer)

    listing = client.get(reverse("certificate_admin:index"))
    pages = [
        client.get(reverse(f"certificate_admin:{name}", args=[certificate.pk])).status_code
        for name in ("inspect", "history", "usage")
    ]
    response = client.post(
        reverse("certificate_admin:edit", args=[certificate.pk]), {"revocation_reason": "Plagiat constaté"}
    )

    assert listing.status_code == 200
    assert pages == [200, 200, 200]
    assert certificate.learner_name in listing.content.decode()
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revocation_reason == "Plagiat constaté"
    assert certificate.revoked_by == trainer


def test_revoking_without_a_reason_is_refused_and_changes_nothing(client, certificate, learners_trainer):
    client.force_login(learners_trainer)

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


def test_trainer_of_another_cohort_neither_lists_nor_opens_nor_revokes_the_certificate(client, certificate, trainer):
    client.force_login(trainer)

    listing = client.get(reverse("certificate_admin:index"))
    urls = [
        reverse("certificate_admin:inspect", args=[certificate.pk]),
        reverse("certificate_admin:history", args=[certificate.pk]),
        reverse("certificate_admin:usage", args=[certificate.pk]),
    ]
    revoke = client.post(reverse("certificate_admin:edit", args=[certificate.pk]), {"revocation_reason": "Abus"})

    assert listing.status_code == 200
    assert certificate.learner_name not in listing.content.decode()
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    assert revoke.status_code == 404
    assert not Certificate.objects.get(pk=certificate.pk).is_revoked


def test_administrator_lists_and_opens_every_certificate(client, certificate, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@musee.test", password="x" * 12, full_name="Admin")
    client.force_login(admin)

    assert certificate.learner_name in client.get(reverse("certificate_admin:index")).content.decode()
    assert client.get(reverse("certificate_admin:inspect", args=[certificate.pk])).status_code == 200
