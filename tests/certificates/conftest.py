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
    from progress.services import lesson_complete
    from quizzes.grading import answer_right_build
    from quizzes.services import attempt_start, attempt_submit, writing_review_record
    from tests.factories import make_quiz, sample_question
    from tests.progress.helpers import lessons_of, modules_of

    course = make_course(modules=1, lessons=1, title="Écrire pour le musée", slug="ecrire")
    module = modules_of(course)[0]
    quiz = make_quiz(
        module,
        title="Quiz d'écriture",
        questions=[sample_question("single", points=6), sample_question("writing", points=4)],
    )
    lesson_complete(user=learner, lesson=lessons_of(module)[0])
    attempt = attempt_start(user=learner, quiz=quiz)
    answers = {spec["id"]: answer_right_build(question=spec) for spec in attempt.snapshot}
    writing = next(spec["id"] for spec in attempt.snapshot if spec["type"] == "writing")
    answers[writing] = LEARNER_TEXT
    attempt = attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers)
    writing_review_record(attempt=attempt, question_id=writing, reviewer=trainer, points=3, feedback="Bien.")
    return Certificate.objects.get(user=learner, course=course)
