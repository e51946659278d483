"""Lesson page requests per second, for a module of 5 and of 50 lessons, against a bare Django view.

Usage: .venv/bin/python bench/lesson_page.py [--requests N]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import BASELINE_PATH, django_setup, measure, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    django_setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lessons.models import LessonPage
    from tests.factories import UserFactory, make_course

    small = make_course(modules=2, lessons=5, slug="cours-court")
    large = make_course(modules=2, lessons=50, slug="cours-long", title="Cours long")
    anonymous = Client()
    learner = Client()
    learner.force_login(UserFactory())

    measures = []
    for course, label in ((small, "5 lessons"), (large, "50 lessons")):
        lesson = LessonPage.objects.descendant_of(course).live().order_by("path")[2]
        for client, who in ((anonymous, "anonymous"), (learner, "learner")):
            with CaptureQueriesContext(connection) as queries:
                client.get(lesson.url)
            result = measure(
                f"lesson, {label}, {who} ({len(queries)} q)",
                lambda c=client, u=lesson.url: c.get(u),
                requests=args.requests,
            )
            measures.append(result)
    baseline = measure("bare Django view", lambda: anonymous.get(BASELINE_PATH), requests=args.requests)
    report(
        "Lesson page (SQLite, one process, django.test.Client through the full middleware stack)", baseline, measures
    )


if __name__ == "__main__":
    main()
