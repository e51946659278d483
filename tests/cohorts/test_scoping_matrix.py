"""Scoping matrix: every trainer-facing URL × who asks, on real cohorts, attempts and certificates.

Cases (viewer → whose data the URL shows):
- ``own``: the trainer of Alice's cohort → Alice;
- ``other``: the trainer of another cohort → Alice;
- ``shared``: that other trainer → Léa, in no cohort, whose text waits in the shared queue;
- ``self``: Alice → herself;
- ``anonymous``: nobody signed in → Alice.

Expected: ``ok`` (200, the learner's name on the page when it is a list), ``hidden`` (404, or a list
without the learner), ``denied`` (403 or a redirect away from the page) and ``login`` (redirect to a
login page). Cohort pages have no shared-queue case: Léa belongs to no cohort.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from certificates.services import certificate_issue
from cohorts.services import cohort_create
from tests.factories import TrainerFactory, UserFactory

from .conftest import add_learners, submit_writing

pytestmark = pytest.mark.django_db

COMPLETED_AT = datetime(2026, 3, 14, 16, 30, tzinfo=ZoneInfo("Europe/Paris"))
CASES = ["own", "other", "shared", "self", "anonymous"]


@dataclass
class Subject:
    learner: object
    cohort: object
    attempt: object
    certificate: object


@dataclass
class World:
    trainers: dict
    subjects: dict
    quiz: object


@pytest.fixture(autouse=True)
def signing_key(tmp_path, settings):
    from certificates.keys import signing_key_create

    settings.CREDENTIAL_SIGNING_KEY_PATH = tmp_path / "keys" / "signing-key.pem"
    return signing_key_create(path=settings.CREDENTIAL_SIGNING_KEY_PATH)


@pytest.fixture
def world(writing_quiz):
    course = writing_quiz.get_parent().get_parent().specific
    trainer_a = TrainerFactory(full_name="Anne Formatrice")
    trainer_b = TrainerFactory(full_name="Bruno Formateur")
    cohort_a = cohort_create(name="Promotion A", created_by=trainer_a)
    cohort_b = cohort_create(name="Promotion B", created_by=trainer_b)
    alice = add_learners(cohort_a, full_name="Alice Apprenante")[0]
    add_learners(cohort_b, full_name="Bob Apprenant")
    lea = UserFactory(full_name="Léa Solitaire")
    subjects = {}
    for name, learner, cohort in (("alice", alice, cohort_a), ("lea", lea, None)):
        subjects[name] = Subject(
            learner=learner,
            cohort=cohort,
            attempt=submit_writing(writing_quiz, learner),
            certificate=certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT),
        )
    return World(trainers={"a": trainer_a, "b": trainer_b}, subjects=subjects, quiz=writing_quiz)


def _viewer_and_subject(world, case):
    alice, lea = world.subjects["alice"], world.subjects["lea"]
    return {
        "own": (world.trainers["a"], alice),
        "other": (world.trainers["b"], alice),
        "shared": (world.trainers["b"], lea),
        "self": (alice.learner, alice),
        "anonymous": (None, alice),
    }[case]


# name → (builds the URL from the subject, is a list, expected per case)
TRAINER_ONLY = {"own": "ok", "other": "hidden", "shared": "ok", "self": "denied", "anonymous": "login"}
COHORT_PAGE = {"own": "ok", "other": "hidden", "self": "denied", "anonymous": "login"}
OWNER_TOO = {**TRAINER_ONLY, "self": "ok"}

URLS = {
    "review queue": (lambda w, s: reverse("cohorts_admin:reviews"), True, TRAINER_ONLY),
    "review detail": (lambda w, s: reverse("cohorts_admin:review", args=[s.attempt.pk]), False, TRAINER_ONLY),
    "learner detail": (lambda w, s: reverse("cohorts_admin:learner", args=[s.learner.pk]), False, TRAINER_ONLY),
    "learner export": (
        lambda w, s: reverse("cohorts_admin:learner", args=[s.learner.pk]) + "?export=csv",
        False,
        TRAINER_ONLY,
    ),
    "cohort detail": (lambda w, s: reverse("cohorts_admin:detail", args=[s.cohort.pk]), False, COHORT_PAGE),
    "cohort edit": (lambda w, s: reverse("cohorts_admin:edit", args=[s.cohort.pk]), False, COHORT_PAGE),
    "cohort import": (lambda w, s: reverse("cohorts_admin:import", args=[s.cohort.pk]), False, COHORT_PAGE),
    "cohort export": (
        lambda w, s: reverse("cohorts_admin:detail", args=[s.cohort.pk]) + "?export=xlsx",
        False,
        COHORT_PAGE,
    ),
    "progress report": (lambda w, s: reverse("cohorts_admin:progress", args=[s.cohort.pk]), False, COHORT_PAGE),
    "progress export": (
        lambda w, s: reverse("cohorts_admin:progress", args=[s.cohort.pk]) + "?export=csv",
        False,
        COHORT_PAGE,
    ),
    "item analysis": (
        lambda w, s: reverse("cohorts_admin:analysis") + f"?quiz={w.quiz.pk}&cohort={s.cohort.pk}",
        False,
        COHORT_PAGE,
    ),
    "item analysis export": (
        lambda w, s: reverse("cohorts_admin:analysis") + f"?quiz={w.quiz.pk}&cohort={s.cohort.pk}&export=csv",
        False,
        COHORT_PAGE,
    ),
    "certificate page": (lambda w, s: s.certificate.get_absolute_url(), False, OWNER_TOO),
    "certificate PDF": (
        lambda w, s: reverse("certificates:pdf", args=[s.certificate.public_id]),
        False,
        OWNER_TOO,
    ),
    "certificate credential": (
        lambda w, s: reverse("certificates:credential", args=[s.certificate.public_id]),
        False,
        OWNER_TOO,
    ),
    "admin certificate list": (lambda w, s: reverse("certificate_admin:index"), True, TRAINER_ONLY),
    "admin certificate inspect": (
        lambda w, s: reverse("certificate_admin:inspect", args=[s.certificate.pk]),
        False,
        TRAINER_ONLY,
    ),
    "admin certificate revoke": (
        lambda w, s: reverse("certificate_admin:edit", args=[s.certificate.pk]),
        False,
        TRAINER_ONLY,
    ),
}

MATRIX = [(url, case) for url, (_build, _is_list, expected) in URLS.items() for case in CASES if case in expected]


@pytest.mark.parametrize(("url_name", "case"), MATRIX, ids=[f"{url}-{case}" for url, case in MATRIX])
def test_scoping_matrix(client, world, url_name, case):
    build, is_list, expected = URLS[url_name]
    viewer, subject = _viewer_and_subject(world, case)
    if viewer is not None:
        client.force_login(viewer)
    url = build(world, subject)

    response = client.get(url)

    outcome = expected[case]
    name = subject.learner.full_name
    if outcome == "ok":
        assert response.status_code == 200
        if is_list:
            assert name in response.content.decode()
    elif outcome == "hidden":
        if is_list:
            assert response.status_code == 200
            assert name not in response.content.decode()
        else:
            assert response.status_code == 404
    elif outcome == "denied":
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"].split("?")[0] != url.split("?")[0]
        assert name not in response.content.decode()
    else:
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_revoking_is_scoped_like_viewing(client, world):
    """The POST that revokes follows the matrix too: another cohort's trainer changes nothing."""
    alice = world.subjects["alice"]
    url = reverse("certificate_admin:edit", args=[alice.certificate.pk])

    client.force_login(world.trainers["b"])
    refused = client.post(url, {"revocation_reason": "Abus"})
    client.force_login(world.trainers["a"])
    accepted = client.post(url, {"revocation_reason": "Plagiat constaté"})

    alice.certificate.refresh_from_db()
    assert (refused.status_code, accepted.status_code) == (404, 302)
    assert alice.certificate.revocation_reason == "Plagiat constaté"
