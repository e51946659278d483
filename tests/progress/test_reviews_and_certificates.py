"""A certificate means "passed": writing answers pending review complete nothing, reviews decide, and a
changed review withdraws completions and revokes certificates (with the trainer's confirmation)."""

from decimal import Decimal

import pytest
from django.core import mail

from certificates.models import Certificate
from progress.models import CourseCompletion, ModuleCompletion
from progress.services import RevocationNotConfirmed
from quizzes.models import Attempt, AttemptStatus, WritingReview
from quizzes.services import writing_review_record
from tests.cohorts.conftest import review_form_post
from tests.quizzes.helpers import attempt_submit_right

from .helpers import visible_text, writing_course_started

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(learner):
    return writing_course_started(learner)


def submit_all_right(learner, quiz) -> Attempt:
    return attempt_submit_right(learner, quiz)


def writing_id(attempt: Attempt) -> str:
    return next(spec["id"] for spec in attempt.snapshot if spec["type"] == "writing")


def review(attempt, trainer, points, **kwargs):
    return writing_review_record(
        attempt=attempt, question_id=writing_id(attempt), reviewer=trainer, points=points, feedback="Vu.", **kwargs
    )


def test_pending_writing_answer_gives_no_completion_and_no_certificate(setting, learner):
    attempt = submit_all_right(learner, setting["quiz"])

    assert attempt.status == AttemptStatus.PENDING_REVIEW
    assert attempt.percent == Decimal("60.00")  # provisional: the writing answer is not graded yet
    assert not ModuleCompletion.objects.filter(user=learner).exists()
    assert not CourseCompletion.objects.filter(user=learner).exists()
    assert not Certificate.objects.filter(user=learner).exists()


def test_a_passing_review_completes_the_module_and_issues_the_certificate(setting, learner, trainer):
    attempt = submit_all_right(learner, setting["quiz"])

    review(attempt, trainer, points=3)

    attempt.refresh_from_db()
    assert attempt.is_passed and attempt.percent == Decimal("90.00")
    assert ModuleCompletion.objects.filter(user=learner, module=setting["module"]).exists()
    certificate = Certificate.objects.get(user=learner, course=setting["course"])
    assert certificate.revoked_at is None


def test_a_failing_review_blocks_completion_and_certificate(setting, learner, trainer):
    attempt = submit_all_right(learner, setting["quiz"])

    review(attempt, trainer, points=0, ask_retry=True)

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and not attempt.is_passed
    assert not ModuleCompletion.objects.filter(user=learner).exists()
    assert not Certificate.objects.filter(user=learner).exists()


def test_changing_a_review_that_backs_a_certificate_needs_confirmation_and_changes_nothing_without(
    setting, learner, trainer
):
    attempt = submit_all_right(learner, setting["quiz"])
    review(attempt, trainer, points=4)
    certificate = Certificate.objects.get(user=learner)

    with pytest.raises(RevocationNotConfirmed) as refusal:
        review(attempt, trainer, points=0)

    assert refusal.value.certificates == [certificate]
    assert WritingReview.objects.get(attempt=attempt).points == Decimal("4.00")
    attempt.refresh_from_db()
    assert attempt.is_passed
    assert ModuleCompletion.objects.filter(user=learner).exists()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_a_confirmed_failing_review_withdraws_completions_and_revokes_the_certificate(setting, learner, trainer):
    attempt = submit_all_right(learner, setting["quiz"])
    review(attempt, trainer, points=4)

    review(attempt, trainer, points=0, revocation_confirmed=True)

    assert not ModuleCompletion.objects.filter(user=learner).exists()
    assert not CourseCompletion.objects.filter(user=learner).exists()
    certificate = Certificate.objects.get(user=learner)
    assert certificate.revoked_by == trainer
    assert "Quiz d'écriture" in certificate.revocation_reason


def test_the_learner_sees_the_revocation_reason_on_the_certificate(client, setting, learner, trainer):
    attempt = submit_all_right(learner, setting["quiz"])
    review(attempt, trainer, points=4)
    review(attempt, trainer, points=0, revocation_confirmed=True)
    certificate = Certificate.objects.get(user=learner)
    client.force_login(learner)

    text = visible_text(client.get(certificate.get_absolute_url()).content.decode())

    assert "no longer passed" in text or "n’est plus réussi" in text or "n'est plus réussi" in text


def test_passing_again_after_a_revocation_issues_a_new_certificate(setting, learner, trainer):
    attempt = submit_all_right(learner, setting["quiz"])
    review(attempt, trainer, points=4)
    review(attempt, trainer, points=0, revocation_confirmed=True)

    second = submit_all_right(learner, setting["quiz"])
    review(second, trainer, points=4)

    certificates = Certificate.objects.filter(user=learner).order_by("issued_at", "pk")
    assert [c.revoked_at is None for c in certificates] == [False, True]


def test_another_passed_attempt_keeps_the_certificate_when_one_review_is_lowered(setting, learner, trainer):
    first = submit_all_right(learner, setting["quiz"])
    review(first, trainer, points=4)
    second = submit_all_right(learner, setting["quiz"])
    review(second, trainer, points=4)

    review(first, trainer, points=0)  # no confirmation needed: the quiz stays passed through the second attempt

    assert Certificate.objects.get(user=learner).revoked_at is None
    assert ModuleCompletion.objects.filter(user=learner).exists()


def test_the_trainer_is_warned_then_confirms_in_the_review_screen(client, setting, learner, admin_user):
    attempt = submit_all_right(learner, setting["quiz"])
    review(attempt, admin_user, points=4)
    client.force_login(admin_user)
    mail.outbox.clear()

    warned = review_form_post(client, attempt, writing_id(attempt), points="0", feedback="Hors sujet.")

    assert warned.status_code == 409
    text = visible_text(warned.content.decode())
    assert "Écrire pour le musée" in text
    assert Certificate.objects.get(user=learner).revoked_at is None
    assert mail.outbox == []

    confirmed = review_form_post(
        client, attempt, writing_id(attempt), points="0", feedback="Hors sujet.", confirm_revocation=True
    )

    assert confirmed.status_code == 302
    assert Certificate.objects.get(user=learner).revoked_at is not None
    assert len(mail.outbox) == 1


def test_a_passing_review_in_the_review_screen_sends_the_learner_an_email(client, setting, learner, admin_user):
    attempt = submit_all_right(learner, setting["quiz"])
    client.force_login(admin_user)
    mail.outbox.clear()

    response = review_form_post(client, attempt, writing_id(attempt), points="4", feedback="Bien.")

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[learner.email]]
    assert Certificate.objects.filter(user=learner, revoked_at__isnull=True).count() == 1


def test_the_audit_lists_then_withdraws_completions_recorded_while_a_review_was_pending(setting, learner):
    """The 47 % learner: before the single pass rule, a pending attempt completed the module and the course."""
    from io import StringIO

    from django.core.management import call_command

    from certificates.services import certificate_issue
    from progress.services import course_completion_record

    attempt = submit_all_right(learner, setting["quiz"])
    Attempt.objects.filter(pk=attempt.pk).update(percent=Decimal("47.36"), passed=True)  # as the old rule stored it
    ModuleCompletion.objects.create(user=learner, module=setting["module"], module_title="Module 1")
    course_completion_record(user=learner, course=setting["course"])
    certificate = certificate_issue(user=learner, course=setting["course"], completed_at=attempt.submitted_at)

    dry_run = StringIO()
    call_command("completions_audit", stdout=dry_run)
    assert learner.email in dry_run.getvalue() and certificate.public_id in dry_run.getvalue()
    assert ModuleCompletion.objects.filter(user=learner).exists()

    call_command("completions_audit", "--apply", stdout=StringIO())

    assert not ModuleCompletion.objects.filter(user=learner).exists()
    assert not CourseCompletion.objects.filter(user=learner).exists()
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
