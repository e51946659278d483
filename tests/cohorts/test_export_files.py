"""Large exports in the background: written privately by a task, downloaded by their owner only, then expired."""

import csv
import datetime
import io
import json

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cohorts.export_files import export_file_build, export_files_prune
from cohorts.models import ExportFile
from tests.factories import make_course, make_quiz, sample_question

from .conftest import add_learners


@pytest.fixture
def small_threshold(settings):
    settings.EXPORT_BACKGROUND_ROWS = 2


@pytest.fixture
def course(db):
    course = make_course(modules=2, lessons=2)
    make_quiz(course.get_children().first().specific, questions=[sample_question("single")])
    return course


def _ask(client, *, kind, export_format, params):
    return client.post(
        reverse("cohorts_admin:export_create"),
        {"kind": kind, "export_format": export_format, "params": json.dumps(params)},
    )


def _content(response):
    return b"".join(response.streaming_content)


def _csv_rows(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture
def ready_export(client, trainer_a, cohort_a, small_threshold):
    add_learners(cohort_a, 2)
    add_learners(cohort_a, 1, full_name="=cmd|' /C calc'!A0")
    client.force_login(trainer_a)
    _ask(client, kind="members", export_format="csv", params={"cohort_id": cohort_a.pk})
    return ExportFile.objects.get(owner=trainer_a)


def test_a_large_export_asks_for_confirmation_and_the_get_queues_nothing(client, trainer_a, cohort_a, small_threshold):
    add_learners(cohort_a, 3)
    client.force_login(trainer_a)

    response = client.get(reverse("cohorts_admin:detail", args=[cohort_a.pk]), {"export": "xlsx"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "3\u00a0lignes" in page or "3 lignes" in page
    assert reverse("cohorts_admin:export_create") in page
    assert 'method="post"' in page
    assert not ExportFile.objects.exists()


def test_a_small_export_is_still_streamed_at_once(client, trainer_a, cohort_a):
    add_learners(cohort_a, 2)
    client.force_login(trainer_a)

    response = client.get(reverse("cohorts_admin:detail", args=[cohort_a.pk]), {"export": "csv"})

    assert response.streaming
    assert len(_csv_rows(_content(response))) == 3
    assert not ExportFile.objects.exists()


def test_the_task_writes_the_file_to_private_storage_and_the_owner_lists_and_downloads_it(
    client, ready_export, trainer_a, cohort_a
):
    export = ready_export
    assert export.status == ExportFile.Status.READY
    assert export.file.storage is storages["private"]
    assert export.file.name.startswith(f"exports/{trainer_a.pk}/")
    private_path = export.file.path
    assert not private_path.startswith(str(settings.MEDIA_ROOT))
    assert export.size == len(export.file.open("rb").read())
    assert export.row_count == 3

    listing = client.get(reverse("cohorts_admin:exports")).content.decode()
    download_url = reverse("cohorts_admin:export_download", args=[export.pk])
    assert f"Apprenants de {cohort_a.name}" in listing
    assert download_url in listing
    assert "Prêt" in listing

    response = client.get(download_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    rows = _csv_rows(_content(response))
    assert rows[0][0] == "Nom complet"
    assert len(rows) == 4
    assert "'=cmd|' /C calc'!A0" in [row[0] for row in rows]
    export.file.delete(save=False)


def test_nobody_but_the_owner_downloads_an_export(client, ready_export, trainer_b, admin_user, learner_a):
    url = reverse("cohorts_admin:export_download", args=[ready_export.pk])
    client.force_login(trainer_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("cohorts_admin:exports")).context["exports"] == []
    client.force_login(admin_user)
    assert client.get(url).status_code == 404
    for visitor in (learner_a, None):  # the admin sends them to its login page
        client.logout()
        if visitor:
            client.force_login(visitor)
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert not getattr(response, "streaming", False)
    ready_export.file.delete(save=False)


def test_a_trainer_cannot_ask_for_another_trainers_cohort(client, trainer_a, cohort_b, learner_b):
    client.force_login(trainer_a)

    response = _ask(client, kind="members", export_format="csv", params={"cohort_id": cohort_b.pk})

    assert response.status_code == 404
    assert not ExportFile.objects.exists()


def test_a_background_progress_export_keeps_the_learner_filter_and_writes_xlsx(
    client, trainer_a, cohort_a, course, small_threshold
):
    add_learners(cohort_a, 3)
    add_learners(cohort_a, 1, full_name="Zoé Recherchée")
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:progress", args=[cohort_a.pk])
    page = client.get(url, {"course": course.pk, "export": "xlsx"}).content.decode()
    assert "4\u00a0lignes" in page or "4 lignes" in page

    params = {"cohort_id": cohort_a.pk, "course_id": course.pk, "ordering": "name", "learner": "Zoé"}
    _ask(client, kind="progress", export_format="xlsx", params=params)

    export = ExportFile.objects.get()
    assert export.status == ExportFile.Status.READY
    data = _content(client.get(reverse("cohorts_admin:export_download", args=[export.pk])))
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Progression"
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["Zoé Recherchée"]
    export.file.delete(save=False)


def test_an_expired_export_is_not_served_and_the_cleanup_deletes_it(client, ready_export, trainer_a):
    storage = ready_export.file.storage
    name = ready_export.file.name
    kept = ExportFile.objects.create(owner=trainer_a, kind="members", export_format="csv", title="Récent")
    ExportFile.objects.filter(pk=ready_export.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert client.get(reverse("cohorts_admin:export_download", args=[ready_export.pk])).status_code == 404
    assert export_files_prune() == 1

    assert not storage.exists(name)
    assert list(ExportFile.objects.all()) == [kept]


def test_an_export_the_owner_can_no_longer_see_fails_visibly(client, trainer_a, cohort_b):
    export = ExportFile.objects.create(
        owner=trainer_a, kind="members", export_format="csv", title="Promotion B", params={"cohort_id": cohort_b.pk}
    )

    export_file_build.call(export_id=str(export.pk))

    export.refresh_from_db()
    assert export.status == ExportFile.Status.FAILED
    assert not export.file
    client.force_login(trainer_a)
    listing = client.get(reverse("cohorts_admin:exports")).content.decode()
    assert "Échec" in listing
    assert "Vous ne pouvez plus voir ce rapport" in listing


def test_an_export_that_keeps_crashing_is_retried_then_marked_failed(trainer_a, cohort_a, settings):
    settings.TASK_MAX_ATTEMPTS = 3
    export = ExportFile.objects.create(
        owner=trainer_a, kind="members", export_format="pdf", title="Promotion A", params={"cohort_id": cohort_a.pk}
    )

    result = export_file_build.enqueue(export_id=str(export.pk))

    export.refresh_from_db()
    assert export.status == ExportFile.Status.FAILED
    assert "n’a pas pu être écrit" in export.error
    assert result.status == "SUCCESSFUL"  # the first run re-queued itself; the last one raised for the admins


def test_running_the_task_again_changes_nothing(ready_export):
    before = (ready_export.file.name, ready_export.size, ready_export.finished_at)

    result = export_file_build.call(export_id=str(ready_export.pk))

    ready_export.refresh_from_db()
    assert result == {"skipped": "already ready"}
    assert (ready_export.file.name, ready_export.size, ready_export.finished_at) == before
    ready_export.file.delete(save=False)


def test_the_prune_command_deletes_expired_exports_unless_dry_run(trainer_a):
    from django.core.management import call_command

    old = ExportFile.objects.create(
        owner=trainer_a,
        kind="members",
        export_format="csv",
        title="Ancien",
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    call_command("prune_exports", "--dry-run", stdout=io.StringIO())
    assert ExportFile.objects.filter(pk=old.pk).exists()

    call_command("prune_exports", stdout=io.StringIO())
    assert not ExportFile.objects.filter(pk=old.pk).exists()
