"""Quiz requests per second (start screen, attempt page, submit, review) for a 10-question quiz, against a bare view.

Usage: .venv/bin/python bench/quiz_page.py [--requests N]
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import BASELINE_PATH, Measure, django_setup, measure, report

KINDS = ("single", "multiple", "true_false", "ordering", "matching", "best_post", "short_answer", "single")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    django_setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from quizzes import services
    from tests.factories import UserFactory, make_course, make_quiz, sample_question
    from tests.quizzes.helpers import post_data

    course = make_course(modules=1, lessons=1)
    module = course.get_children().first()
    questions = [sample_question(KINDS[n % len(KINDS)]) for n in range(10)]
    quiz = make_quiz(module, questions=questions, title="Quiz de 10 questions")
    user = UserFactory()
    learner = Client()
    learner.force_login(user)
    anonymous = Client()

    attempt = services.attempt_start(user=user, quiz=quiz)
    attempt_url = reverse("quizzes:attempt", args=[attempt.pk])
    measures = []
    for label, url in (("quiz start screen", quiz.url), ("attempt page (form)", attempt_url)):
        with CaptureQueriesContext(connection) as queries:
            learner.get(url)
        measures.append(
            measure(f"GET {label} ({len(queries)} q)", lambda u=url: learner.get(u), requests=args.requests)
        )

    # Submitting closes the attempt, so each submit needs a fresh one; only the POST itself is timed.
    submit_seconds = []
    for _ in range(args.requests):
        current = services.attempt_start(user=user, quiz=quiz)
        data = post_data(current)
        url = reverse("quizzes:attempt", args=[current.pk])
        start = time.perf_counter()
        response = learner.post(url, data)
        submit_seconds.append(time.perf_counter() - start)
        if response.status_code != 302:
            raise SystemExit(f"submit: HTTP {response.status_code}")
    submit_seconds.sort()
    measures.append(
        Measure(
            "POST submit (graded, redirect)",
            len(submit_seconds),
            sum(submit_seconds),
            submit_seconds[len(submit_seconds) // 2] * 1000,
        )
    )
    review_url = reverse("quizzes:review", args=[current.pk])
    with CaptureQueriesContext(connection) as queries:
        learner.get(review_url)
    measures.append(
        measure(f"GET review page ({len(queries)} q)", lambda: learner.get(review_url), requests=args.requests)
    )
    baseline = measure("bare Django view", lambda: anonymous.get(BASELINE_PATH), requests=args.requests)
    report(
        "Quiz of 10 questions (SQLite, one process, django.test.Client through the full middleware stack)",
        baseline,
        measures,
    )


if __name__ == "__main__":
    main()
