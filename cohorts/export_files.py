"""Large exports written in the background: a trainer asks, the task worker writes the file to private storage, the
trainer downloads it from « Mes exports » (owner only) until it expires.

The file is rebuilt by the worker from the export's description with the owner's current scope
(``tables.sized_table_build``): a trainer removed from the cohort meanwhile gets a failed export, not the data.
The task is idempotent (it locks the row and does nothing unless the export is still PENDING) and retried with
a back-off (``core.tasks``); after the last attempt the export is marked FAILED for the trainer and the task's
traceback is kept for administrators.
"""

from __future__ import annotations

import datetime
import logging
import tempfile
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.tasks import task_retry_or_raise

from . import exports, tables
from .models import ExportFile

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


def export_needs_background(*, row_count: int) -> bool:
    """Above EXPORT_BACKGROUND_ROWS rows an export is written by the worker instead of streamed by the request."""
    return row_count > settings.EXPORT_BACKGROUND_ROWS


def export_file_request(*, owner: User, kind: str, export_format: str, params: dict[str, Any]) -> ExportFile:
    """Record the trainer's request and queue the task that writes the file (Http404 if they may not see it)."""
    if export_format not in exports.EXPORT_FORMATS:
        raise Http404("No such format.")
    sized = tables.sized_table_build(owner=owner, kind=kind, params=params)
    with transaction.atomic():
        export = ExportFile.objects.create(
            owner=owner,
            kind=kind,
            export_format=export_format,
            params=params,
            title=sized.title[:255],
            row_count=sized.row_count,
        )
        # Stored in the same transaction with the database backend: no export row without its task.
        export_file_build.enqueue(export_id=str(export.pk))
    export.refresh_from_db()
    return export


def export_files_of(*, owner: User, now: datetime.datetime | None = None) -> QuerySet[ExportFile]:
    """The owner's exports not expired yet, newest first."""
    return ExportFile.objects.filter(owner=owner, expires_at__gt=now or timezone.now()).order_by("-created_at")


def export_file_for_download(*, user: User, export_id: Any, now: datetime.datetime | None = None) -> ExportFile:
    """The owner's ready, unexpired export, or 404 (another trainer's export does not exist for them)."""
    export = ExportFile.objects.filter(pk=export_id, owner=user, status=ExportFile.Status.READY).first()
    if export is None or export.is_expired(now=now) or not export.file:
        raise Http404("No such export.")
    return export


def _storage_name(export: ExportFile) -> str:
    extension = exports.EXTENSIONS[export.export_format]
    return f"exports/{export.owner_id}/{export.pk}.{extension}"


def _export_fail(*, export_id: str, message: str) -> None:
    ExportFile.objects.filter(pk=export_id, status=ExportFile.Status.PENDING).update(
        status=ExportFile.Status.FAILED, error=message[:500], finished_at=timezone.now()
    )


def _export_write(export: ExportFile) -> dict[str, Any]:
    """Build and store the file for a locked PENDING export; returns the task's result."""
    try:
        sized = tables.sized_table_build(owner=export.owner, kind=export.kind, params=export.params)
    except Http404:
        export.status = ExportFile.Status.FAILED
        export.error = _("You can no longer see this report: ask for it again from a cohort you follow.")
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        return {"failed": "no access"}
    spreadsheet = exports.TableSpreadsheet(sized.table, export_format=export.export_format)
    storage = export.file.storage
    name = _storage_name(export)
    stored = ""
    try:
        with tempfile.TemporaryFile() as file:
            spreadsheet.write_file(file)
            size = file.tell()
            file.seek(0)
            storage.delete(name)  # a run that stored the file and then failed leaves nothing behind twice
            stored = storage.save(name, File(file, name=name))
        export.file.name = stored
        export.size = size
        export.row_count = sized.row_count
        export.status = ExportFile.Status.READY
        export.error = ""
        export.finished_at = timezone.now()
        export.save(update_fields=["file", "size", "row_count", "status", "error", "finished_at"])
    except BaseException:
        if stored:
            storage.delete(stored)
        raise
    return {"bytes": size, "rows": sized.row_count}


@task()
def export_file_build(*, export_id: str, attempt: int = 1) -> dict[str, Any]:
    """Write one requested export to private storage (idempotent: only a PENDING export is written, once)."""
    try:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            export = ExportFile.objects.select_for_update().select_related("owner").filter(pk=export_id).first()
            if export is None:
                return {"skipped": "export deleted"}
            if export.status != ExportFile.Status.PENDING:
                return {"skipped": f"already {export.status}"}
            if export.is_expired():
                return {"skipped": "expired"}
            return _export_write(export)
    except Exception as error:
        if attempt >= settings.TASK_MAX_ATTEMPTS:
            with translation.override(settings.LANGUAGE_CODE):
                _export_fail(
                    export_id=export_id,
                    message=_(
                        "The export could not be written. Ask for it again; if it fails again, tell an administrator."
                    ),
                )
        return task_retry_or_raise(export_file_build, attempt=attempt, error=error, kwargs={"export_id": export_id})


def export_files_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete expired exports, their files first; returns how many were deleted."""
    expired = ExportFile.objects.filter(expires_at__lte=now or timezone.now())
    deleted = 0
    for export in expired.iterator():
        if export.file:
            export.file.storage.delete(export.file.name)
        export.delete()
        deleted += 1
    return deleted


@task()
def export_files_prune_task() -> dict[str, int]:
    """The daily cleanup of expired exports, run by the worker (`manage.py prune_exports` queues it)."""
    return {"deleted": export_files_prune()}
