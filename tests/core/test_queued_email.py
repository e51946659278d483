"""E-mails queued by requests and delivered by the task worker (core.mail)."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.cohorts.flaky_mail import FlakyEmailBackend

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def queued(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    yield settings
    FlakyEmailBackend.failures_left = 0


@pytest.mark.django_db
def test_a_queued_message_arrives_whole(queued):
    message = EmailMultiAlternatives(
        "Confirmez votre adresse",
        "Texte",
        "Lumière <no-reply@lumiere.example>",
        ["lea@musee.test"],
        cc=["ines@lumiere.test"],
        reply_to=["aide@lumiere.example"],
        headers={"X-Lumiere": "1"},
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    message.attach("programme.csv", b"a;b\n1;2\n", "text/csv")

    message.send()

    (delivered,) = mail.outbox
    assert (delivered.subject, delivered.to, delivered.cc, delivered.reply_to) == (
        "Confirmez votre adresse",
        ["lea@musee.test"],
        ["ines@lumiere.test"],
        ["aide@lumiere.example"],
    )
    assert delivered.extra_headers == {"X-Lumiere": "1"}
    assert delivered.alternatives[0][:2] == ("<p>Texte</p>", "text/html")
    assert delivered.attachments[0][:3] == ("programme.csv", "a;b\n1;2\n", "text/csv")


def test_with_the_database_queue_nothing_leaves_until_the_worker_runs(queued, transactional_db):
    """db_worker closes the database connection when done: hence a transactional test."""
    queued.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    send_mail("Bienvenue", "Bonjour", None, ["lea@musee.test"])

    assert mail.outbox == []
    assert DBTaskResult.objects.get(task_path="core.mail.email_deliver").status == "READY"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [message.to for message in mail.outbox] == [["lea@musee.test"]]


@pytest.mark.django_db
def test_a_refused_delivery_is_retried(queued):
    queued.EMAIL_DELIVERY_BACKEND = "tests.cohorts.flaky_mail.FlakyEmailBackend"
    queued.TASK_MAX_ATTEMPTS = 3
    FlakyEmailBackend.failures_left = 2

    send_mail("Bienvenue", "Bonjour", None, ["lea@musee.test"])

    assert [message.subject for message in mail.outbox] == ["Bienvenue"]
