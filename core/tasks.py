"""Retries for background tasks (django-tasks has none): a failed run re-enqueues itself with a back-off.

Each retrying task takes an ``attempt`` keyword. While attempts remain, a failure is logged and the task is
enqueued again for later (``run_after``; at once on a backend that cannot defer, such as the immediate one), and
this run ends successfully with ``{"retry": n}``. The last attempt lets the error propagate, so the worker
records the task as FAILED with its traceback: that is what admins see in « Tâches en arrière-plan ».
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

FIRST_RETRY_DELAY = timedelta(seconds=30)
LONGEST_RETRY_DELAY = timedelta(hours=1)


def retry_delay(*, attempt: int) -> timedelta:
    """30 s after the first failure, doubling each time, at most an hour."""
    return min(FIRST_RETRY_DELAY * 2 ** (attempt - 1), LONGEST_RETRY_DELAY)


def task_retry_or_raise(task, *, attempt: int, error: BaseException, kwargs: dict[str, Any]) -> dict[str, int]:
    """Re-enqueue ``task`` for attempt + 1 if attempts remain (then return), else re-raise ``error``."""
    if attempt >= settings.TASK_MAX_ATTEMPTS:
        logger.error("Task %s failed for good after %s attempts: %r", task.name, attempt, error)
        raise error
    retry = task
    if task.get_backend().supports_defer:
        retry = task.using(run_after=timezone.now() + retry_delay(attempt=attempt))
    logger.warning("Task %s failed (attempt %s), retrying: %r", task.name, attempt, error)
    retry.enqueue(**kwargs, attempt=attempt + 1)
    return {"retry": attempt + 1}
