"""A certificate means "passed": writing answers pending review complete nothing, reviews decide, and a
changed review withdraws completions and revokes certificates (with the trainer's confirmation)."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from certificates.models import Certificate
from progress.models import CourseCompletion, ModuleCompletion
from progress.services import RevocationNotConfirmed, lesson_complete
from quizzes.grading import answer_right_build
from quizzes.models import Attempt, AttemptStatus, WritingReview
from quizzes.services import attempt_start, attempt_submit, writing_review_record
from tests.factories import make_course, make_quiz, sample_question

from .helpers import lessons_of, modules_of, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(learner):
    """A one-module course whose quiz has 6 points of choices and a 4-point writing exercise (pass mark 70 %)."""
    course = make_course(modules=1, lessons=1, title="Écrire pour le musée", slug="ecrire")
    module = modules_of(course)[0]
    quiz = make_quiz(
        module,
        title="Quiz d'écriture",
        questions=[sample_question("single", points=6), sample_question("writing", points=4)],
    )
    lesson_complete(user=learner, lesson=lessons_of(module)[0])
    return {"course": course, "module": module, "quiz": quiz}


def submit_all_right(learner, quiz) -> Attempt:
    attempt = attempt_start(user=learner, quiz=quiz)
    answers = {spec["id"]: answer_right_build(question=spec) for spec in attempt.snapshot}
    return attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers)


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
    url = reverse("cohorts_admin:review", kwargs={"attempt_id": attempt.pk})
    prefix = f"q-{writing_id(attempt)}"
    data = {"question_id": writing_id(attempt), f"{prefix}-points": "0", f"{prefix}-feedback": "Hors sujet."}
    mail.outbox.clear()

    warned = client.post(url, data)

    assert warned.status_code == 409
    text = visible_text(warned.content.decode())
    assert "Écrire pour le musée" in text
    assert Certificate.objects.get(user=learner).revoked_at is None
    assert mail.outbox == []

    confirmed = client.post(url, {**data, f"{prefix}-confirm_revocation": "on"})

    assert confirmed.status_code == 302
    assert Certificate.objects.get(user=learner).revoked_at is not None
    assert len(mail.outbox) == 1


def test_a_passing_review_in_the_review_screen_sends_the_learner_an_email(client, setting, learner, admin_user):
    attempt = submit_all_right(learner, setting["quiz"])
    client.force_login(admin_user)
    url = reverse("cohorts_admin:review", kwargs={"attempt_id": attempt.pk})
    prefix = f"q-{writing_id(attempt)}"
    mail.outbox.clear()

    response = client.post(
        url, {"question_id": writing_id(attempt), f"{prefix}-points": "4", f"{prefix}-feedback": "Bien."}
    )

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
