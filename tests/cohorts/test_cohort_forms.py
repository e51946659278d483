"""Creating and editing cohorts in the admin."""

import pytest
from django.urls import reverse

from cohorts.models import Cohort

pytestmark = pytest.mark.django_db


def test_trainer_creates_a_cohort_and_trains_it(client, trainer_a):
    client.force_login(trainer_a)
    assert client.get(reverse("cohorts_admin:create")).status_code == 200
    response = client.post(
        reverse("cohorts_admin:create"),
        {"name": "Promotion 2027 – Centre des monuments nationaux", "starts_on": "2027-01-10", "ends_on": "2027-06-30"},
    )
    cohort = Cohort.objects.get()
    assert response.status_code == 302
    assert list(cohort.trainers.all()) == [trainer_a]


def test_end_before_start_is_refused_with_a_message(client, trainer_a):
    client.force_login(trainer_a)
    response = client.post(
        reverse("cohorts_admin:create"), {"name": "Promo", "starts_on": "2027-06-30", "ends_on": "2027-01-10"}
    )
    assert response.status_code == 400
    assert "ends_on" in response.context["form"].errors
    assert not Cohort.objects.exists()


def test_trainer_cannot_remove_themselves_from_their_cohort(client, trainer_a, trainer_b, cohort_a):
    client.force_login(trainer_a)
    assert client.get(reverse("cohorts_admin:edit", args=[cohort_a.pk])).status_code == 200
    client.post(
        reverse("cohorts_admin:edit", args=[cohort_a.pk]),
        {"name": "Promotion A bis", "invitation_active": "on", "trainers": [trainer_b.pk]},
    )
    cohort_a.refresh_from_db()
    assert cohort_a.name == "Promotion A bis"
    assert set(cohort_a.trainers.all()) == {trainer_a, trainer_b}
