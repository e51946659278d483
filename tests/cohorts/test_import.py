"""Importing learners from a CSV file: preview, one error per line, all or nothing, invitations; joining by link."""

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.core import mail
from django.urls import reverse

from cohorts.models import Membership, PendingInvitation
from cohorts.services import CohortError, learners_import_apply, learners_import_preview
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _upload(client, cohort, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("cohorts_admin:import", args=[cohort.pk]),
        {"file": SimpleUploadedFile("learners.csv", content, content_type="text/csv")},
    )


def test_preview_lists_errors_per_line_and_imports_nothing(client, trainer_a, cohort_a):
    existing = UserFactory(email="claire@musee.test")
    client.force_login(trainer_a)
    response = _upload(client, cohort_a, b"email;nom\nclaire@musee.test;Claire\nnot-an-address;X\nclaire@musee.test\n")
    assert response.status_code == 400
    html = response.content.decode()
    assert "not-an-address" in html
    assert len([line for line in response.context["preview"].lines if line.errors]) == 2
    assert "payload" not in html  # no confirmation possible
    assert not cohort_a.memberships.filter(user=existing).exists()
    assert not PendingInvitation.objects.exists()


def test_valid_file_is_previewed_then_imported_on_confirmation(
    client, trainer_a, cohort_a, django_capture_on_commit_callbacks
):
    claire = UserFactory(email="claire@musee.test")
    client.force_login(trainer_a)
    preview = _upload(client, cohort_a, b"claire@musee.test,Claire\nnouveau@musee.test,Nouveau\n")
    assert preview.status_code == 200
    assert not cohort_a.memberships.exists()  # the preview changes nothing
    payload = preview.context["confirm_form"].initial["payload"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cohorts_admin:import", args=[cohort_a.pk]), {"payload": payload})

    assert response.status_code == 302
    assert claire not in cohort_a.learners.all()  # an existing account is invited too, never added
    invitations = {invitation.email: invitation for invitation in PendingInvitation.objects.all()}
    assert set(invitations) == {"claire@musee.test", "nouveau@musee.test"}
    assert sorted(message.to[0] for message in mail.outbox) == ["claire@musee.test", "nouveau@musee.test"]
    for message in mail.outbox:
        assert reverse("cohorts:invitation", args=[invitations[message.to[0]].token]) in message.body


def test_tampered_confirmation_imports_nothing(client, trainer_a, cohort_a):
    UserFactory(email="claire@musee.test")
    client.force_login(trainer_a)
    preview = _upload(client, cohort_a, b"claire@musee.test\n")
    payload = preview.context["confirm_form"].initial["payload"]
    response = client.post(reverse("cohorts_admin:import", args=[cohort_a.pk]), {"payload": payload[:-2] + "xx"})
    assert response.status_code == 302
    assert not cohort_a.memberships.exists()


def test_confirmation_for_one_cohort_cannot_be_replayed_on_another(client, trainer_a, cohort_a):
    from cohorts.services import cohort_create

    other = cohort_create(name="Autre", created_by=trainer_a)
    UserFactory(email="claire@musee.test")
    client.force_login(trainer_a)
    payload = _upload(client, cohort_a, b"claire@musee.test\n").context["confirm_form"].initial["payload"]
    client.post(reverse("cohorts_admin:import", args=[other.pk]), {"payload": payload})
    assert not other.memberships.exists()


def test_apply_refuses_a_file_with_errors_and_changes_nothing(cohort_a, trainer_a):
    UserFactory(email="ok@musee.test")
    with pytest.raises(CohortError):
        learners_import_apply(cohort=cohort_a, data=b"ok@musee.test\nbad\n", invited_by=trainer_a)
    assert not cohort_a.memberships.exists()
    assert not PendingInvitation.objects.exists()


def test_members_already_in_the_cohort_are_left_alone(cohort_a, learner_a, trainer_a):
    preview = learners_import_preview(cohort=cohort_a, data=learner_a.email.encode())
    assert preview.is_valid
    assert preview.count_invite == 0
    result = learners_import_apply(cohort=cohort_a, data=learner_a.email.encode(), invited_by=trainer_a)
    assert result.invited == 0
    assert cohort_a.memberships.count() == 1
    assert not PendingInvitation.objects.exists()


def test_invited_address_joins_when_its_owner_confirms_it(cohort_a, trainer_a):
    learners_import_apply(cohort=cohort_a, data=b"nouveau@musee.test\n", invited_by=trainer_a)
    user = UserFactory(email="nouveau@musee.test")
    address = EmailAddress.objects.get(user=user)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    assert cohort_a.memberships.filter(user=user, source=Membership.Source.IMPORT).exists()
    assert not PendingInvitation.objects.exists()


# Invitation link ---------------------------------------------------------------------------------


def test_invitation_token_carries_at_least_128_random_bits(cohort_a, cohort_b):
    assert len(cohort_a.invitation_token) >= 22  # 22 URL-safe characters = 132 bits
    assert cohort_a.invitation_token != cohort_b.invitation_token


def test_join_requires_login(client, cohort_a):
    response = client.get(reverse("cohorts:join", args=[cohort_a.invitation_token]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_learner_joins_with_the_link_on_post_only(client, learner, cohort_a):
    client.force_login(learner)
    url = reverse("cohorts:join", args=[cohort_a.invitation_token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Promotion A" in page.content.decode()
    assert not cohort_a.memberships.filter(user=learner).exists()
    client.post(url)
    client.post(url)
    assert cohort_a.memberships.filter(user=learner, source=Membership.Source.INVITATION).count() == 1


def test_rotated_or_closed_link_answers_404(client, learner, trainer_a, cohort_a):
    old_url = reverse("cohorts:join", args=[cohort_a.invitation_token])
    client.force_login(trainer_a)
    client.post(reverse("cohorts_admin:invitation_rotate", args=[cohort_a.pk]))
    client.force_login(learner)
    assert client.post(old_url).status_code == 404
    cohort_a.refresh_from_db()
    cohort_a.invitation_active = False
    cohort_a.save()
    assert client.get(reverse("cohorts:join", args=[cohort_a.invitation_token])).status_code == 404
    assert not cohort_a.memberships.filter(user=learner).exists()
