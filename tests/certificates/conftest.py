"""Fixtures for the certificate tests: a course, a certificate and a throw-away signing key."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import make_course

COMPLETED_AT = datetime(2026, 3, 14, 16, 30, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture(autouse=True)
def signing_key(tmp_path, settings):
    """A fresh Ed25519 key for every test, written where the settings look for it; never committed."""
    from certificates.keys import signing_key_create

    settings.CREDENTIAL_SIGNING_KEY_PATH = tmp_path / "keys" / "signing-key.pem"
    return signing_key_create(path=settings.CREDENTIAL_SIGNING_KEY_PATH)


@pytest.fixture
def course(db):
    return make_course(modules=3, lessons=1)


@pytest.fixture
def certificate(learner, course):
    from certificates.services import certificate_issue

    return certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT, score_summary={"percent": "87.50"})


@pytest.fixture
def learners_trainer(learner):
    """A trainer whose cohort holds `learner`: the certificate is in their scope."""
    from cohorts.models import Membership
    from cohorts.services import cohort_create
    from tests.factories import TrainerFactory

    trainer = TrainerFactory(full_name="Anne Formatrice")
    cohort = cohort_create(name="Promotion du certifié", created_by=trainer)
    Membership.objects.create(cohort=cohort, user=learner, source=Membership.Source.INVITATION)
    return trainer
