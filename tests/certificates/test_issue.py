"""Issuing certificates: once per learner and course, with what stood at issue time."""

from decimal import Decimal

import pytest

from certificates.models import Certificate
from certificates.selectors import certificates_for_user
from certificates.services import certificate_issue, issuer_settings_get
from tests.certificates.conftest import COMPLETED_AT
from tests.factories import UserFactory
from tests.helpers import course_and_learner_committed, run_together


def test_issuing_records_name_course_date_hours_and_issuer(learner, course):
    settings_ = issuer_settings_get()
    settings_.organisation_name = "Musée des Confluences"
    settings_.signatory_name = "Claire Dupont"
    settings_.save()

    certificate = certificate_issue(
        user=learner, course=course, completed_at=COMPLETED_AT, score_summary={"percent": 90}
    )

    certificate.refresh_from_db()
    assert certificate.learner_name == learner.full_name
    assert certificate.course_title == "Animer les réseaux sociaux"
    assert certificate.completed_on.isoformat() == "2026-03-14"
    assert certificate.hours == Decimal("1.50")  # three modules of 30 minutes
    assert certificate.issuer_name == "Musée des Confluences"
    assert certificate.signatory_name == "Claire Dupont"
    assert certificate.score_summary == {"percent": 90}
    assert certificate.recipient_identity.startswith("sha256$")
    assert learner.email not in certificate.recipient_identity


def test_issuing_twice_returns_the_same_certificate(learner, course):
    first = certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT)
    second = certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT)

    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


def test_later_renames_do_not_change_an_issued_certificate(certificate, learner, course):
    learner.full_name = "Autre Nom"
    learner.save()
    course.title = "Nouveau titre"
    course.save_revision().publish()

    certificate.refresh_from_db()
    assert certificate.learner_name != "Autre Nom"
    assert certificate.course_title == "Animer les réseaux sociaux"


def test_public_identifier_is_long_random_and_not_the_database_id(learner, course):
    certificates = [certificate_issue(user=UserFactory(), course=course, completed_at=COMPLETED_AT) for _ in range(5)]

    ids = {certificate.public_id for certificate in certificates}
    assert len(ids) == 5
    for certificate in certificates:
        assert len(certificate.public_id) >= 32  # 24 random bytes → 192 bits
        assert certificate.public_id != str(certificate.pk)
        assert certificate.verification_url.endswith(f"/certificats/verifier/{certificate.public_id}/")
        assert certificate.get_absolute_url() == f"/certificats/{certificate.public_id}/"


def test_deleting_the_learner_keeps_the_certificate_verifiable(certificate, learner):
    name = certificate.learner_name

    learner.delete()

    certificate.refresh_from_db()
    assert certificate.user is None
    assert certificate.learner_name == name


def test_certificates_for_user_lists_only_theirs_in_one_query(certificate, course, django_assert_num_queries):
    other = UserFactory()
    certificate_issue(user=other, course=course, completed_at=COMPLETED_AT)

    with django_assert_num_queries(1):
        listed = certificates_for_user(user=certificate.user)

    assert [c.pk for c in listed] == [certificate.pk]


@pytest.fixture
def committed_course_and_learner(django_db_setup, django_db_blocker):
    """A course and a learner committed, so that other connections (threads) see them; deleted afterwards.

    Not transactional_db: its flush would erase what data migrations created (the home page) for the
    tests that run after this one on the same worker.
    """
    with course_and_learner_committed(django_db_blocker) as course_and_learner:
        yield course_and_learner


@pytest.mark.postgres
def test_concurrent_completions_issue_one_certificate(committed_course_and_learner, django_db_blocker):
    course, learner = committed_course_and_learner

    with django_db_blocker.unblock():
        results, errors = run_together(
            [lambda: certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT).pk] * 6
        )

        assert errors == []
        assert len(results) == 6
        assert len(set(results)) == 1
        assert Certificate.objects.filter(user=learner).count() == 1


def test_score_is_the_given_percent_or_the_mean_of_the_quizzes_best_scores():
    from certificates.models import Certificate as Model

    given = Model(score_summary={"percent": "87.5"})
    from_quizzes = Model(
        score_summary={"quizzes": [{"best_percent": "80.00"}, {"best_percent": "91.00"}, {"best_percent": None}]}
    )
    none = Model(score_summary={"lessons_done": 3, "quizzes": []})

    assert given.score_percent == Decimal("88")
    assert from_quizzes.score_percent == Decimal("86")
    assert none.score_percent is None
