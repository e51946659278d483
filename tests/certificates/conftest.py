"""Fixtures for the certificate tests: a course, a certificate and a throw-away signing key."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import make_course

LEARNER_TEXT = "Merci pour votre message : le musée rouvre samedi à 10 h, nous vous y attendons."
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


@pytest.fixture
def written_certificate(learner, trainer):
    """A course certificate earned with a writing answer a trainer approved (3 points out of 4)."""
    from certificates.models import Certificate
    from quizzes.services import writing_review_record
    from tests.progress.helpers import writing_course_started
    from tests.quizzes.helpers import attempt_submit_right, question_of

    setting = writing_course_started(learner)
    attempt = attempt_submit_right(learner, setting["quiz"], writing_text=LEARNER_TEXT)
    writing = question_of(attempt, "writing")["id"]
    writing_review_record(attempt=attempt, question_id=writing, reviewer=trainer, points=3, feedback="Bien.")
    return Certificate.objects.get(user=learner, course=setting["course"])
