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

import pytest
from django.urls import reverse

from certificates.services import certificate_issue
from tests.certificates.conftest import COMPLETED_AT, signing_key  # noqa: F401  (autouse: certificates are signed)
from tests.factories import UserFactory

from .conftest import submit_writing

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def world(writing_quiz, trainer_a, trainer_b, cohort_a, learner_a, learner_b):
    """Alice (``learner_a``) in trainer A's cohort, Bob in trainer B's, Léa in none; Alice and Léa each have a
    text waiting for review and a certificate."""
    course = writing_quiz.get_parent().get_parent().specific
    lea = UserFactory(full_name="Léa Solitaire")
    subjects = {}
    for name, learner, cohort in (("alice", learner_a, cohort_a), ("lea", lea, None)):
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


def _url(name, subject_object=None, query=""):
    """Builds the URL `name` with the pk of the subject's `subject_object` (attempt, learner, cohort) and `query`."""

    def build(world, subject):
        args = [getattr(subject, subject_object).pk] if subject_object else []
        return reverse(name, args=args) + query

    return build


def _certificate_url(name):
    """Builds the URL `name` of the subject's certificate, known by its public identifier."""
    return lambda world, subject: reverse(name, args=[subject.certificate.public_id])


def _analysis_url(query=""):
    """Builds the item analysis URL of the world's quiz for the subject's cohort."""
    return lambda world, subject: (
        reverse("cohorts_admin:analysis") + f"?quiz={world.quiz.pk}&cohort={subject.cohort.pk}{query}"
    )


TRAINER_ONLY = {"own": "ok", "other": "hidden", "shared": "ok", "self": "denied", "anonymous": "login"}
COHORT_PAGE = {"own": "ok", "other": "hidden", "self": "denied", "anonymous": "login"}
OWNER_TOO = {**TRAINER_ONLY, "self": "ok"}

# name → (builds the URL from the world and the subject, is a list, expected per case)
URLS = {
    "review queue": (_url("cohorts_admin:reviews"), True, TRAINER_ONLY),
    "review detail": (_url("cohorts_admin:review", "attempt"), False, TRAINER_ONLY),
    "learner detail": (_url("cohorts_admin:learner", "learner"), False, TRAINER_ONLY),
    "learner export": (_url("cohorts_admin:learner", "learner", "?export=csv"), False, TRAINER_ONLY),
    "cohort detail": (_url("cohorts_admin:detail", "cohort"), False, COHORT_PAGE),
    "cohort edit": (_url("cohorts_admin:edit", "cohort"), False, COHORT_PAGE),
    "cohort import": (_url("cohorts_admin:import", "cohort"), False, COHORT_PAGE),
    "cohort export": (_url("cohorts_admin:detail", "cohort", "?export=xlsx"), False, COHORT_PAGE),
    "progress report": (_url("cohorts_admin:progress", "cohort"), False, COHORT_PAGE),
    "progress export": (_url("cohorts_admin:progress", "cohort", "?export=csv"), False, COHORT_PAGE),
    "item analysis": (_analysis_url(), False, COHORT_PAGE),
    "item analysis export": (_analysis_url("&export=csv"), False, COHORT_PAGE),
    "certificate page": (lambda world, subject: subject.certificate.get_absolute_url(), False, OWNER_TOO),
    "certificate PDF": (_certificate_url("certificates:pdf"), False, OWNER_TOO),
    "certificate credential": (_certificate_url("certificates:credential"), False, OWNER_TOO),
    "admin certificate list": (_url("certificate_admin:index"), True, TRAINER_ONLY),
    "admin certificate inspect": (_url("certificate_admin:inspect", "certificate"), False, TRAINER_ONLY),
    "admin certificate revoke": (_url("certificate_admin:edit", "certificate"), False, TRAINER_ONLY),
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
