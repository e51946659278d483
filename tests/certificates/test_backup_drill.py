"""Backup drill: back up, wipe the database, the stored files and the key, restore; old credentials still verify."""

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection

from certificates.credentials import credential_signed, credential_verify
from certificates.key_rotation import signing_key_rotate
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_pdf_get
from core.backup import storage_walk
from tests.factories import make_course

from .conftest import COMPLETED_AT


@pytest.fixture
def site_files(settings, tmp_path):
    """The site's two storages on a disk of their own, so the drill can wipe them."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "m"}},
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "p"}},
    }


def _wipe_everything(settings):
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    for alias in ("default", "private"):
        for name in list(storage_walk(storages[alias])):
            storages[alias].delete(name)
    settings.CREDENTIAL_SIGNING_KEY_PATH.unlink()


def test_certificates_issued_before_a_backup_verify_after_a_wipe_and_a_restore(
    transactional_db, site_files, settings, learner, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("the drill wipes a PostgreSQL schema (DATABASE_URL=postgres://…)")
    first_course, second_course = make_course(modules=1, lessons=1), make_course(modules=1, lessons=1, slug="autre")
    before_rotation = certificate_issue(user=learner, course=first_course, completed_at=COMPLETED_AT)
    old_credential = credential_signed(certificate=before_rotation)
    signing_key_rotate()  # the first credential is now signed by a retired key, published from the database
    after_rotation = certificate_issue(user=learner, course=second_course, completed_at=COMPLETED_AT)
    new_credential = credential_signed(certificate=after_rotation)
    pdf = certificate_pdf_get(certificate=before_rotation)

    call_command("backup_site", str(tmp_path / "backup"), verbosity=0)
    _wipe_everything(settings)
    assert "certificates_certificate" not in connection.introspection.table_names()
    assert not settings.CREDENTIAL_SIGNING_KEY_PATH.exists()
    assert next(storage_walk(storages["private"]), None) is None
    call_command("restore_site", str(tmp_path / "backup"), "--apply", verbosity=0)

    assert credential_verify(old_credential).is_valid
    assert credential_verify(new_credential).is_valid
    restored = Certificate.objects.get(pk=before_rotation.pk)
    with restored.pdf.open("rb") as handle:
        assert handle.read() == pdf
    assert Certificate.objects.count() == 2
