"""E-mails sent by the task worker: requests queue them, the worker delivers them (and retries).

With EMAIL_QUEUED (the default with TASKS_BACKEND=database) Django's EMAIL_BACKEND is QueuedEmailBackend: every
message a request sends (allauth's confirmations and password resets, Wagtail's notifications, ours) becomes an
``email_deliver`` task, stored in the request's transaction, and the worker hands it to EMAIL_DELIVERY_BACKEND
(the backend configured by EMAIL_BACKEND in the environment). An SMTP outage then delays e-mails instead of
failing sign-ups. Delivery is at least once: an SMTP server that accepts a message but drops the connection
before answering may receive it twice on retry.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.tasks import task_retry_or_raise

if TYPE_CHECKING:
    from core.models import SentOnceRecord

QUEUED_BACKEND = "core.mail.QueuedEmailBackend"


def delivery_connection():
    """A connection that really delivers (SMTP…), whether or not EMAIL_BACKEND queues."""
    if settings.EMAIL_BACKEND == QUEUED_BACKEND:
        return get_connection(settings.EMAIL_DELIVERY_BACKEND)
    return get_connection()


def message_to_json(message) -> dict:
    """A message as JSON task arguments (attachments base64-encoded)."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [
            [name, base64.b64encode(content if isinstance(content, bytes) else content.encode()).decode(), mimetype]
            for name, content, mimetype in (a for a in message.attachments if isinstance(a, tuple | list))
        ],
    }


def message_from_json(data: dict, *, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


class QueuedEmailBackend(BaseEmailBackend):
    """Queue each message as an ``email_deliver`` task instead of sending it inside the request."""

    def send_messages(self, email_messages):
        for message in email_messages:
            email_deliver.enqueue(message=message_to_json(message))
        return len(email_messages)


@task()
def email_deliver(*, message: dict, attempt: int = 1) -> dict:
    """Deliver one queued message with EMAIL_DELIVERY_BACKEND; retried with a back-off when delivery fails."""
    try:
        sent = message_from_json(message, connection=delivery_connection()).send()
    except Exception as error:
        return task_retry_or_raise(email_deliver, attempt=attempt, error=error, kwargs={"message": message})
    return {"sent": sent, "to": len(message["to"]) + len(message["cc"]) + len(message["bcc"])}


def send_once(*, record_model: type[SentOnceRecord], lookup: dict[str, Any], send: Callable[[], None]) -> bool:
    """Send an e-mail at most once per record: lock (or create) the record ``lookup`` names; unless it is already
    stamped, call ``send`` and stamp ``sent_at``, all in one transaction (a failed send stamps nothing, so a retry
    sends it). Returns whether it sent. Tasks call this so that a rerun or a duplicated task sends nothing more."""
    with transaction.atomic():
        record, _created = record_model._default_manager.select_for_update().get_or_create(**lookup)
        if record.sent_at is not None:
            return False
        send()
        record.sent_at = timezone.now()
        record.save(update_fields=["sent_at"])
    return True
