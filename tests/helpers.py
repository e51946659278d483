"""Helpers shared by test folders: the guide's content on disk, committed data and functions raced in threads."""

import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection

CONTENT = Path(__file__).resolve().parents[1] / "content"
CRISIS_MODULE = "05-gestion-de-crise"


def guide_course_load(*args: str) -> str:
    """Run ``load_guide_course`` with `args`; its standard output (what a trainer reads in the terminal)."""
    out = StringIO()
    call_command("load_guide_course", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def small_guide_content(root: Path, *, lessons: int) -> Path:
    """A copy of the guide's content under `root` cut down to the crisis module's first `lessons` lessons.

    The course keeps its images, documents and the module's quiz but not the final quiz: loading it
    takes a fraction of the whole course's time."""
    root.mkdir()
    course_yaml = (CONTENT / "course.yaml").read_text(encoding="utf-8").replace("final_quiz: final-quiz.yaml\n", "")
    (root / "course.yaml").write_text(course_yaml, encoding="utf-8")
    module = root / CRISIS_MODULE
    shutil.copytree(CONTENT / CRISIS_MODULE, module)
    for extra in sorted(module.glob("*.md"))[lessons:]:
        extra.unlink()
    shutil.copytree(CONTENT / "images", root / "images")
    shutil.copytree(CONTENT / "documents", root / "documents")
    return root


def run_together(functions: Sequence[Callable[[], Any]]) -> tuple[list[Any], list[Exception]]:
    """Run each function in its own thread and database connection, all released at the same moment.

    Returns what the functions returned and what they raised, so that the test's thread asserts on both
    (an exception in a thread would otherwise only be printed)."""
    barrier = threading.Barrier(len(functions))
    results: list[Any] = []
    errors: list[Exception] = []

    def worker(function: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(function())
        except Exception as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@contextmanager
def course_and_learner_committed(django_db_blocker, *, slug: str = "cours-concurrence") -> Iterator[tuple[Any, Any]]:
    """A one-module course and a learner committed, so that other connections (threads) see them.

    Not transactional_db: its flush would erase what data migrations created (the home page) for the
    tests that run after on the same worker. What is created here is deleted instead, the learner's
    attempts and certificates first since they protect the course's pages. Skipped on SQLite, which
    serialises writers: there is no race to see there."""
    from certificates.models import Certificate
    from course.models import CourseIndexPage
    from quizzes.models import Attempt
    from tests.conftest import migration_data_restore
    from tests.factories import UserFactory, make_course

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("the race needs PostgreSQL's row locks and concurrent writers (SQLite serialises them)")
        migration_data_restore()  # a transactional test may have flushed the tables on this worker
        had_catalogue = CourseIndexPage.objects.exists()
        course = make_course(modules=1, lessons=1, slug=slug)
        learner = UserFactory()
    try:
        yield course, learner
    finally:
        with django_db_blocker.unblock():
            Attempt.objects.filter(user=learner).delete()
            Certificate.objects.filter(user=learner).delete()
            catalogue = course.get_parent()
            course.delete()
            if not had_catalogue:
                catalogue.delete()
            learner.delete()
