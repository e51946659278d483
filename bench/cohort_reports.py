"""Trainer reports at scale: 10,000 learners, 40 lessons, 8 quizzes, 100,000 attempts, against a bare view.

Prints the progress report page (time and query count), the item analysis page, and the time and peak
Python memory (tracemalloc) of CSV and XLSX exports of the 10,000 learners.

Usage: .venv/bin/python bench/cohort_reports.py [--learners N] [--attempts N] [--requests N] [--reuse]

Building the data takes minutes; ``--reuse`` measures again on a database an earlier run built (for example
once the machine is quiet), without building anything.
"""

import argparse
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import BASELINE_PATH, django_setup, measure, report

# The bench measures the streamed export of every row: keep it below the background-export threshold.
os.environ.setdefault("EXPORT_BACKGROUND_ROWS", "1000000000")

BATCH = 5000


def build(*, learners: int, attempts: int):
    """The course, the cohort and its learners' progress and attempts, all with bulk_create."""
    from decimal import Decimal

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import User
    from cohorts.models import Cohort, Membership
    from cohorts.services import cohort_create
    from lessons.models import LessonPage
    from progress.models import LessonProgress, ModuleCompletion
    from quizzes.grading import answer_right_build
    from quizzes.models import Attempt, AttemptStatus
    from quizzes.questions import snapshot_build
    from quizzes.selectors import quiz_entries_get
    from tests.factories import TrainerFactory, make_course, make_quiz, sample_question

    rng = random.Random(42)
    course = make_course(modules=8, lessons=5, title="Cours de référence", slug="cours-bench")
    modules = list(course.get_children().specific())
    quizzes = [make_quiz(module, questions=[sample_question("single") for _ in range(10)]) for module in modules]
    lessons = {module.pk: list(LessonPage.objects.child_of(module).values_list("pk", flat=True)) for module in modules}
    trainer = TrainerFactory(email="formatrice@bench.test")
    cohort: Cohort = cohort_create(name="Promotion 2027 – 10 000 apprenants", created_by=trainer)

    password = make_password("bench-password-123")
    User.objects.bulk_create(
        [
            User(email=f"apprenant{n}@bench.test", full_name=f"Apprenant {n:05d}", password=password)
            for n in range(learners)
        ],
        batch_size=BATCH,
    )
    user_ids = list(
        User.objects.filter(email__endswith="@bench.test").exclude(pk=trainer.pk).values_list("pk", flat=True)
    )
    Membership.objects.bulk_create(
        [Membership(cohort=cohort, user_id=user_id, source=Membership.Source.IMPORT) for user_id in user_ids],
        batch_size=BATCH,
    )
    # A cohort of a tenth of them, to compare the exports' peak memory across row counts.
    tenth = cohort_create(name="Promotion réduite", created_by=trainer)
    Membership.objects.bulk_create(
        [Membership(cohort=tenth, user_id=user_id, source=Membership.Source.IMPORT) for user_id in user_ids[::10]],
        batch_size=BATCH,
    )
    now = timezone.now()
    progress, completions = [], []
    for user_id in user_ids:
        reached = rng.randint(0, len(modules))
        for module in modules[:reached]:
            completions.append(
                ModuleCompletion(user_id=user_id, module=module, module_title=module.title, completed_at=now)
            )
            progress += [LessonProgress(user_id=user_id, lesson_id=pk, completed_at=now) for pk in lessons[module.pk]]
        if reached < len(modules):
            progress.append(LessonProgress(user_id=user_id, lesson_id=lessons[modules[reached].pk][0]))
    LessonProgress.objects.bulk_create(progress, batch_size=BATCH)
    ModuleCompletion.objects.bulk_create(completions, batch_size=BATCH)

    snapshots = [
        snapshot_build(entries=quiz_entries_get(quiz=quiz), rng=random.Random(n)) for n, quiz in enumerate(quizzes)
    ]
    rows, numbers = [], {}
    for n in range(attempts):
        user_id = user_ids[n % len(user_ids)]
        index = rng.randrange(len(quizzes))
        number = numbers[(user_id, index)] = numbers.get((user_id, index), 0) + 1
        snapshot = snapshots[index]
        answers, results, score = {}, [], 0
        for spec in snapshot:
            right = rng.random() < 0.7
            answers[spec["id"]] = answer_right_build(question=spec) if right else spec["options"][-1]["key"]
            correct = answers[spec["id"]] == answer_right_build(question=spec)
            score += 1 if correct else 0
            results.append(
                {
                    "question_id": spec["id"],
                    "points": str(int(correct)),
                    "max_points": "1",
                    "status": "correct" if correct else "incorrect",
                }
            )
        rows.append(
            Attempt(
                user_id=user_id,
                quiz=quizzes[index],
                number=number,
                status=AttemptStatus.GRADED,
                started_at=now,
                submitted_at=now,
                snapshot=snapshot,
                answers=answers,
                results=results,
                score=Decimal(score),
                max_score=Decimal(len(snapshot)),
                percent=Decimal(100 * score / len(snapshot)),
                passed=score * 10 >= 7 * len(snapshot),
            )
        )
        if len(rows) >= BATCH:
            _store_graded(Attempt.objects.bulk_create(rows))
            rows = []
    _store_graded(Attempt.objects.bulk_create(rows))
    # Bulk writes skip the services that keep each learner's last activity: compute it as the migration does.
    from progress.services import course_activities_rebuild

    course_activities_rebuild()
    from django.db import connection

    from progress.models import CourseActivity
    from quizzes.models import AnsweredQuestion

    if connection.vendor == "postgresql":
        # What autovacuum does soon after bulk writes in production; without it the first item analysis planned
        # its queries on empty statistics (2.8 s instead of 0.7-1.0 s on 2 December 2026).
        with connection.cursor() as cursor:
            for model in (
                User,
                Membership,
                LessonProgress,
                ModuleCompletion,
                Attempt,
                AnsweredQuestion,
                CourseActivity,
            ):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return trainer, cohort, tenth, course, quizzes[0]


def built_get():
    """The trainer, cohorts, course and first quiz an earlier run of :func:`build` left in the database."""
    from accounts.models import User
    from cohorts.models import Cohort
    from course.models import CoursePage
    from quizzes.models import QuizPage

    course = CoursePage.objects.get(slug="cours-bench")
    cohort = Cohort.objects.get(name__startswith="Promotion 2027")
    tenth = Cohort.objects.get(name="Promotion réduite")
    quiz = QuizPage.objects.descendant_of(course).order_by("path").first()
    return User.objects.get(email="formatrice@bench.test"), cohort, tenth, course, quiz


def _store_graded(attempts) -> None:
    """The per-question results grading stores (quizzes.results): the item analysis reads them."""
    from quizzes.models import AnsweredQuestion
    from quizzes.results import answered_questions_rows

    stored = []
    for attempt in attempts:
        rows = answered_questions_rows(snapshot=attempt.snapshot, answers=attempt.answers, results=attempt.results)
        stored += [AnsweredQuestion(attempt_id=attempt.pk, **row) for row in rows]
    AnsweredQuestion.objects.bulk_create(stored, batch_size=BATCH)


def _consume(client, url, params) -> int:
    response = client.get(url, params)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return sum(len(chunk) for chunk in response.streaming_content) if response.streaming else len(response.content)


def timed_download(client, url, params) -> tuple[float, int, int]:
    """Seconds and bytes of consuming a streamed export without keeping it, then (in a second, traced run)
    its tracemalloc peak in bytes; tracing slows Python down, so it is kept out of the timing."""
    start = time.perf_counter()
    size = _consume(client, url, params)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    _consume(client, url, params)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, size, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="measure the data an earlier run built")
    args = parser.parse_args()
    django_setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    if args.reuse:
        trainer, cohort, tenth, course, quiz = built_get()
        print(f"Data reused: {cohort.memberships.count()} learners")
    else:
        start = time.perf_counter()
        trainer, cohort, tenth, course, quiz = build(learners=args.learners, attempts=args.attempts)
        elapsed = time.perf_counter() - start
        print(
            f"Data built in {elapsed:.1f} s: {args.learners} learners, 40 lessons, 8 quizzes, {args.attempts} attempts"
        )

    client = Client()
    client.force_login(trainer)
    anonymous = Client()
    progress_url = reverse("cohorts_admin:progress", args=[cohort.pk])
    analysis_url = reverse("cohorts_admin:analysis")
    measures = []
    for label, url, params, requests in (
        ("progress report, page 1", progress_url, {"course": course.pk}, args.requests),
        ("progress report, page 100", progress_url, {"course": course.pk, "p": 100}, args.requests),
        *(
            (f"progress sorted by {key}", progress_url, {"course": course.pk, "ordering": key}, args.requests)
            for key in ("-name", "-activity", "activity", "-complete", "-joined")
        ),
        ("item analysis (1 quiz)", analysis_url, {"quiz": quiz.pk}, max(3, args.requests // 10)),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        if response.status_code != 200:
            raise SystemExit(f"{label}: HTTP {response.status_code}")
        measures.append(
            measure(
                f"{label} ({len(queries)} q)", lambda u=url, p=params: client.get(u, p), requests=requests, warmup=1
            )
        )
    admin_home = reverse("wagtailadmin_home")
    measures.insert(
        0, measure("Wagtail admin home (reference)", lambda: client.get(admin_home), requests=args.requests)
    )
    baseline = measure("bare Django view", lambda: anonymous.get(BASELINE_PATH), requests=args.requests * 10)
    report("Trainer reports (SQLite unless DATABASE_URL, one process, django.test.Client)", baseline, measures)
    # The item analysis above is served from the cache after its first view; time that first view too.
    from django.core.cache import cache

    cache.clear()
    start = time.perf_counter()
    client.get(analysis_url, {"quiz": quiz.pk})
    print(f"item analysis, first view (computed, then cached): {(time.perf_counter() - start) * 1000:.0f} ms")

    print()
    print(f"Exports of {args.learners} learners (streamed; peak = tracemalloc peak of Python allocations)")
    baseline_seconds, _size, baseline_peak = timed_download(anonymous, BASELINE_PATH, {})
    print(f"{'':<28}{'seconds':>10}{'MB':>10}{'peak MB':>10}")  # peak should not grow with the rows
    print(f"{'bare view':<28}{baseline_seconds:>10.3f}{0:>10.2f}{baseline_peak / 1e6:>10.2f}")
    tenth_url = reverse("cohorts_admin:progress", args=[tenth.pk])
    for export_format in ("csv", "xlsx"):
        for label, url in ((f"{args.learners // 10} rows", tenth_url), (f"{args.learners} rows", progress_url)):
            seconds, size, peak = timed_download(client, url, {"course": course.pk, "export": export_format})
            name = f"progress {export_format}, {label}"
            print(f"{name:<28}{seconds:>10.2f}{size / 1e6:>10.2f}{peak / 1e6:>10.2f}")


if __name__ == "__main__":
    main()
