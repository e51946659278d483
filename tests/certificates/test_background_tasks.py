"""Certificate PDFs rendered by the database task queue's worker, and failed tasks shown to administrators."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from certificates.models import Certificate
from certificates.services import certificate_issue
from cohorts.notifications import review_notification_schedule
from quizzes.services import writing_review_record
from tests.cohorts.conftest import submit_writing, writing_question_id
from tests.cohorts.flaky_mail import FlakyEmailBackend
from tests.factories import make_course, make_quiz, sample_question

from .conftest import COMPLETED_AT

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def task_queue(transactional_db, settings):
    """Tasks go to the database and run only when the worker runs (`db_worker --batch` in a test, which closes the
    database connection when done: hence a transactional test)."""
    settings.TASKS = DATABASE_TASKS
    settings.CERTIFICATE_PDF_PRERENDER = True


def _work():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_an_issued_certificate_has_its_pdf_rendered_by_the_worker(task_queue, learner, course):
    certificate = certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT)
    assert not Certificate.objects.get(pk=certificate.pk).pdf  # nothing rendered inside the request
    render = DBTaskResult.objects.filter(task_path="certificates.tasks.certificate_pdf_render")
    assert render.get().status == "READY"

    _work()

    stored = Certificate.objects.get(pk=certificate.pk)
    assert render.get().status == "SUCCESSFUL"
    with stored.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


@pytest.fixture
def refused_review(task_queue, settings, learner, trainer):
    """A review whose e-mail the SMTP server refuses at the only attempt allowed."""
    settings.EMAIL_BACKEND = "tests.cohorts.flaky_mail.FlakyEmailBackend"
    settings.TASK_MAX_ATTEMPTS = 1
    FlakyEmailBackend.failures_left = 1
    course = make_course(modules=1, lessons=1, slug="ecrire")
    quiz = make_quiz(course.get_children().first().specific, questions=[sample_question("writing")], pass_mark=50)
    attempt = submit_writing(quiz, learner)
    review = writing_review_record(
        attempt=attempt, question_id=writing_question_id(attempt), reviewer=trainer, points=3, feedback="Bien."
    )
    review_notification_schedule(review=review)
    _work()
    yield review
    FlakyEmailBackend.failures_left = 0


def test_a_task_failed_for_good_is_listed_with_its_error_for_administrators(refused_review, client, admin_user):
    failed = DBTaskResult.objects.get(task_path="cohorts.notifications.review_notification_send")
    assert failed.status == "FAILED"
    assert mail.outbox == []
    client.force_login(admin_user)

    listing = client.get("/admin/taches/?status=FAILED")
    inspect = client.get(f"/admin/taches/inspect/{failed.pk}/")

    assert listing.status_code == 200
    assert "cohorts.notifications.review_notification_send" in listing.content.decode()
    assert "ConnectionRefusedError" in inspect.content.decode()
    assert "SMTP server unreachable" in inspect.content.decode()


def test_trainers_cannot_see_task_results(refused_review, client, trainer):
    client.force_login(trainer)

    response = client.get("/admin/taches/")

    assert response.status_code in {302, 403}
    assert "review_notification_send" not in response.content.decode()


def test_a_revoked_certificate_gets_its_pdf_rendered_again_saying_so(task_queue, learner, course, trainer):
    from certificates.services import certificate_revoke

    certificate = certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT)
    _work()
    first = Certificate.objects.get(pk=certificate.pk).pdf.name

    certificate_revoke(certificate=certificate, by=trainer, reason="Réponse recopiée.")
    _work()

    stored = Certificate.objects.get(pk=certificate.pk)
    assert stored.pdf_shows_revoked is True
    assert stored.pdf.name != first  # rendered again, by the worker, before anyone asks for it
    renders = DBTaskResult.objects.filter(task_path="certificates.tasks.certificate_pdf_render")
    assert sorted(renders.values_list("status", flat=True)) == ["SUCCESSFUL", "SUCCESSFUL"]
