"""Background tasks for certificates: render the PDF once, ahead of the first download."""

from __future__ import annotations

from django_tasks import task

from core.tasks import task_retry_or_raise


@task()
def certificate_pdf_render(*, public_id: str, attempt: int = 1) -> dict:
    """Render and store a certificate's PDF (idempotent: a PDF already up to date is left as it is)."""
    from .models import Certificate
    from .services import certificate_pdf_get

    certificate = Certificate.objects.filter(public_id=public_id).first()
    if certificate is None:
        return {"skipped": "no such certificate"}  # deleted with its learner's account before the worker ran
    try:
        content = certificate_pdf_get(certificate=certificate)
    except Exception as error:
        return task_retry_or_raise(
            certificate_pdf_render, attempt=attempt, error=error, kwargs={"public_id": public_id}
        )
    return {"bytes": len(content), "name": Certificate.objects.get(pk=certificate.pk).pdf.name}


def certificate_pdf_schedule(*, certificate) -> None:
    """Enqueue the PDF's rendering when a worker is there to do it (CERTIFICATE_PDF_PRERENDER); otherwise the
    first download renders it, as it always could."""
    from django.conf import settings

    if settings.CERTIFICATE_PDF_PRERENDER:
        certificate_pdf_render.enqueue(public_id=certificate.public_id)
