"""Fixtures shared by every test module."""

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import django
import pytest
import wagtail
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from tests.factories import TrainerFactory, UserFactory

# Property-based tests check behaviour, not speed: a loaded CI machine must not fail them on a timer.
hypothesis_settings.register_profile("lumiere", deadline=None)
hypothesis_settings.load_profile("lumiere")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; start every test from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request made in English must not leak into the next test
    (the locale middleware activates a language for the thread and never resets it)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def trainer(db):
    return TrainerFactory()


_MIGRATION_DATA: dict[str, str] = {}


def _is_test_database() -> bool:
    """Whether the connection now names a test database (pytest-django renames it when it creates one)."""
    name = str(connection.settings_dict["NAME"])
    test_name = (connection.settings_dict.get("TEST") or {}).get("NAME")
    return name.startswith("test_") or "memorydb" in name or bool(test_name and name.startswith(test_name))


def _sqlite_template_path() -> Path:
    """Where the migrated SQLite database is kept, named after everything that decides what migrate builds.

    The migration files of every installed app (ours and the libraries'), the library versions and the
    settings the data migrations read: when one changes, the name changes and the next run migrates again."""
    digest = hashlib.sha256()
    for part in (
        django.__version__,
        wagtail.__version__,
        sqlite3.sqlite_version,
        repr(settings.INSTALLED_APPS),
        repr((settings.LANGUAGE_CODE, settings.LANGUAGES, getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None))),
    ):
        digest.update(part.encode())
    for app in apps.get_app_configs():
        for path in sorted((Path(app.path) / "migrations").glob("*.py")):
            digest.update(f"{app.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return Path(settings.VAR_DIR) / "test-databases" / f"sqlite-{digest.hexdigest()[:16]}.sqlite3"


def _sqlite_template_save(template: Path) -> None:
    """Copy the freshly migrated in-memory database to ``template`` (atomically: two workers may both write)."""
    template.parent.mkdir(parents=True, exist_ok=True)
    partial = template.with_name(f"{template.name}.{os.getpid()}.partial")
    with closing(sqlite3.connect(partial)) as target:
        connection.connection.backup(target)
    os.replace(partial, template)
    for stale in template.parent.glob("sqlite-*.sqlite3"):
        if stale != template:
            stale.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def _sqlite_test_database_from_template(django_db_createdb: bool) -> Iterator[None]:
    """On in-memory SQLite, each worker copies a migrated database instead of running the migrations.

    Migrating costs each xdist worker about 12 s of CPU at the start of every run, and the result only changes
    when a migration, a library or a language setting changes (see ``_sqlite_template_path``). The first run
    migrates as usual and keeps the result in ``var/test/test-databases/``; the next ones copy it with SQLite's
    backup API (a fraction of a second). ``--create-db`` migrates again. PostgreSQL and a SQLite test database
    named with TEST_DATABASE_NAME are created as before."""
    creation = connection.creation
    test_name = (connection.settings_dict.get("TEST") or {}).get("NAME")
    if connection.vendor != "sqlite" or not creation.is_in_memory_db(test_name or ":memory:"):
        yield
        return
    create_test_db = creation.create_test_db

    def create_from_template(verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        template = _sqlite_template_path()
        if django_db_createdb or not template.exists():
            name = create_test_db(verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=keepdb)
            _sqlite_template_save(template)
            return name
        name = creation._get_test_db_name()
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = connection.settings_dict["NAME"] = name
        connection.ensure_connection()
        with closing(sqlite3.connect(template)) as source:
            source.backup(connection.connection)
        if serialize:
            connection._test_serialized_contents = creation.serialize_db_to_string()
        return name

    creation.create_test_db = create_from_template
    try:
        yield
    finally:
        del creation.create_test_db


@pytest.fixture(scope="session")
def django_db_setup(_sqlite_test_database_from_template, django_db_setup, django_db_blocker):
    """Keep what the migrations created (home page, groups, workflow) to restore it after flushes.

    When no collected test uses the database, pytest-django creates none and the connection still names
    the configured one: there is nothing to keep, and reading it would be wrong."""
    with django_db_blocker.unblock():
        if not _is_test_database():
            _MIGRATION_DATA["default"] = ""
            return
        _MIGRATION_DATA["default"] = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _migration_data_on_connection(django_db_setup):
    """Every transactional test (fixture or ``django_db(transaction=True)`` marker) can restore it."""
    connection._test_serialized_contents = _MIGRATION_DATA["default"]


@pytest.fixture
def transactional_db(_migration_data_on_connection, django_db_serialized_rollback, transactional_db):
    """Transactional tests flush the database; Django's serialized rollback puts back what migrations created.

    Django keeps that data on the connection object, and Playwright's event loop (browser tests) makes
    the test see a new connection object; so the data is set on the current one before the test and
    again before the flush. Use this fixture (or ``live_server``) rather than ``django_db(transaction=True)``.
    """
    yield transactional_db
    connection._test_serialized_contents = _MIGRATION_DATA["default"]


@pytest.fixture(autouse=True)
def _migration_data_present(request, _migration_data_on_connection):
    """A test that uses the database finds what migrations created, even after another test's flush.

    Transactional tests (live server, threads) empty the tables when they end; with pytest-xdist a
    plain ``db`` test may run after one on the same worker.
    """
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    migration_data_restore()


def migration_data_restore() -> None:
    """Put back what migrations created (home page, groups) if a transactional test's flush removed it.

    For fixtures that commit data outside a test transaction (threads, other connections) too."""
    from wagtail.models import Page

    if _MIGRATION_DATA.get("default") and not Page.objects.exists():
        connection.creation.deserialize_db_from_string(_MIGRATION_DATA["default"])


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker) -> Iterator[None]:
    """One transaction around a whole test module, rolled back when the module ends.

    For data that is slow to build and that every test of a module reads (the whole guide course): a
    module-scoped fixture that depends on this one builds it once, inside ``django_db_blocker.unblock()``.
    Each test still runs in its own savepoint (pytest-django's ``db``), so what a test changes is undone
    before the next test, and the next module finds the database as it was. Only for ``db`` tests: a
    transactional test would flush the tables from inside this transaction."""
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        migration_data_restore()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
