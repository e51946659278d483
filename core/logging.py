"""Structured logs: every record carries the id of the request it belongs to (core.middleware.RequestIdMiddleware).

The id comes from the proxy's ``X-Request-ID`` header when it is a sane token, so one id follows a request from
nginx through gunicorn, Django and any task it enqueues; otherwise a new one is made.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
# Letters, digits, dashes and underscores, at most 64: anything else (a log-injection attempt) is replaced.
_SANE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


def request_id_from(header_value: str | None) -> str:
    """The incoming id if it is a sane token, else a new random one (32 hex characters)."""
    if header_value and _SANE_ID.match(header_value):
        return header_value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record ("-" outside a request, e.g. in the task worker's own lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True
