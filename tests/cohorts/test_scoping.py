"""A trainer sees only the learners of their cohorts, in pages and exports; administrators see everything."""

import pytest
from django.urls import reverse

from cohorts.scope import learners_in_scope

pytestmark = pytest.mark.django_db


def test_trainer_sees_only_learners_of_their_cohorts(trainer_a, learner_a, learner_b):
    assert list(learners_in_scope(user=trainer_a)) == [learner_a]


def test_administrator_sees_every_learner(admin_user, learner_a, learner_b):
    visible = set(learners_in_scope(user=admin_user))
    assert {learner_a, learner_b} <= visible


def test_learner_sees_nobody(learner_a, learner_b):
    assert not learners_in_scope(user=learner_a).exists()


@pytest.mark.parametrize(
    "url_name",
    ["cohorts_admin:detail", "cohorts_admin:edit", "cohorts_admin:import", "cohorts_admin:progress"],
)
def test_trainer_gets_404_on_another_trainers_cohort(client, trainer_a, cohort_b, learner_b, url_name):
    client.force_login(trainer_a)
    assert client.get(reverse(url_name, args=[cohort_b.pk])).status_code == 404


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("url_name", ["cohorts_admin:detail", "cohorts_admin:progress"])
def test_trainer_gets_404_on_another_trainers_exports(client, trainer_a, cohort_b, learner_b, url_name, export_format):
    client.force_login(trainer_a)
    response = client.get(reverse(url_name, args=[cohort_b.pk]), {"export": export_format})
    assert response.status_code == 404


def test_trainer_gets_404_on_another_trainers_learner_and_export(client, trainer_a, learner_b):
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:learner", args=[learner_b.pk])
    assert client.get(url).status_code == 404
    assert client.get(url, {"export": "csv"}).status_code == 404


def test_trainer_cannot_remove_a_learner_from_another_cohort(client, trainer_a, cohort_b, learner_b):
    client.force_login(trainer_a)
    response = client.post(reverse("cohorts_admin:membership_remove", args=[cohort_b.pk, learner_b.pk]))
    assert response.status_code == 404
    assert cohort_b.memberships.filter(user=learner_b).exists()


def test_trainer_sees_own_cohort_and_learner(client, trainer_a, cohort_a, learner_a, cohort_b):
    client.force_login(trainer_a)
    index = client.get(reverse("cohorts_admin:index"))
    assert "Promotion A" in index.content.decode()
    assert "Promotion B" not in index.content.decode()
    detail = client.get(reverse("cohorts_admin:detail", args=[cohort_a.pk]))
    assert learner_a.email in detail.content.decode()
    assert client.get(reverse("cohorts_admin:learner", args=[learner_a.pk])).status_code == 200


def test_administrator_opens_any_cohort(client, admin_user, cohort_b, learner_b):
    client.force_login(admin_user)
    response = client.get(reverse("cohorts_admin:detail", args=[cohort_b.pk]))
    assert response.status_code == 200
    assert learner_b.email in response.content.decode()


def test_staff_without_trainer_role_gets_403(client, cohort_a, learner_a):
    from django.contrib.auth.models import Permission

    editor = type(learner_a).objects.create_user(email="editor@musee.test", password="x" * 12, full_name="Éditeur")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in (reverse("cohorts_admin:index"), reverse("cohorts_admin:detail", args=[cohort_a.pk])):
        response = client.get(url)
        # Wagtail turns PermissionDenied into a redirect to the dashboard with an error message.
        assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))


def test_learner_has_no_access_to_the_trainer_workspace(client, learner_a, cohort_a):
    client.force_login(learner_a)
    response = client.get(reverse("cohorts_admin:detail", args=[cohort_a.pk]))
    assert response.status_code in (302, 403)
    assert learner_a.email not in response.content.decode()


def test_analysis_of_another_trainers_cohort_is_404(client, trainer_a, cohort_b):
    client.force_login(trainer_a)
    assert client.get(reverse("cohorts_admin:analysis"), {"cohort": cohort_b.pk}).status_code == 404
