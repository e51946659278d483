"""Twenty concurrent first downloads of one certificate's PDF: one render, one file, no orphan."""

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connections

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_pdf_get
from tests.certificates.conftest import COMPLETED_AT
from tests.helpers import course_and_learner_committed

RACERS = 20


@pytest.fixture
def committed_certificate(django_db_setup, django_db_blocker):
    """A certificate committed so that other connections (threads) see it; deleted afterwards, its PDF too."""
    with course_and_learner_committed(django_db_blocker, slug="cours-pdf-concurrence") as (course, learner):
        with django_db_blocker.unblock():
            certificate = certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT)
        try:
            yield certificate
        finally:
            with django_db_blocker.unblock():
                certificate.refresh_from_db()
                if certificate.pdf:
                    certificate.pdf.storage.delete(certificate.pdf.name)


def _files_of(certificate) -> list[Path]:
    folder = Path(Certificate._meta.get_field("pdf").storage.path("certificates"))
    return sorted(folder.glob(f"{certificate.public_id}*.pdf"))


@pytest.mark.postgres
def test_concurrent_first_downloads_render_the_pdf_once_and_leave_no_orphan(committed_certificate, django_db_blocker):
    barrier = threading.Barrier(RACERS)

    def download():
        try:
            barrier.wait(timeout=10)
            return certificate_pdf_get(certificate=Certificate.objects.get(pk=committed_certificate.pk))
        finally:
            connections.close_all()

    with django_db_blocker.unblock():
        with ThreadPoolExecutor(max_workers=RACERS) as pool:
            contents = list(pool.map(lambda _: download(), range(RACERS)))
        committed_certificate.refresh_from_db()
        files = _files_of(committed_certificate)

    assert all(content.startswith(b"%PDF") for content in contents)
    assert len(set(contents)) == 1  # each render differs (creation time, document id): one render only
    assert [path.name for path in files] == [Path(committed_certificate.pdf.name).name]
