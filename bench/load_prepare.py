"""Prepare the load test's database: learner accounts and the list of pages the learners visit.

Run by ``bench/load_test.sh`` after ``migrate`` and ``load_guide_course``, with the same settings as
the server. Creates ``learner-<n>@bench.test`` accounts whose e-mail address is already verified
(``ACCOUNT_EMAIL_VERIFICATION`` is mandatory, so an unverified learner could not log in), then writes
the guide course's lesson and module-quiz URLs to a JSON file that ``bench/locustfile.py`` reads:
the learners then open real pages without crawling the site first.

Usage: python bench/load_prepare.py --users 50 --password PASSWORD --output var/bench/targets.json
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GUIDE_COURSE_SLUG = "animer-les-reseaux-sociaux-d-un-musee"


def learner_email(number: int) -> str:
    return f"learner-{number}@bench.test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--password", required=True)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()

    import django

    django.setup()

    from accounts.models import Role
    from accounts.services import user_create_verified
    from course.models import CoursePage
    from lessons.models import LessonPage
    from quizzes.models import QuizPage

    for number in range(1, args.users + 1):
        user_create_verified(
            email=learner_email(number),
            password=args.password,
            full_name=f"Apprenant·e {number}",
            role=Role.COMMUNITY_MANAGER,
        )

    course = CoursePage.objects.live().get(slug=GUIDE_COURSE_SLUG)
    lessons = LessonPage.objects.live().public().descendant_of(course).order_by("path")
    # Module quizzes only: the final quiz ends the course and may carry settings of its own.
    quizzes = QuizPage.objects.live().public().descendant_of(course).filter(depth=course.depth + 2).order_by("path")
    targets = {
        "course": course.get_url(),
        "lessons": [{"id": lesson.pk, "url": lesson.get_url()} for lesson in lessons],
        "quizzes": [{"id": quiz.pk, "url": quiz.get_url()} for quiz in quizzes],
        "users": [learner_email(number) for number in range(1, args.users + 1)],
    }
    if not targets["lessons"] or not targets["quizzes"]:
        raise SystemExit("The guide course has no live lesson or quiz: did load_guide_course run?")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(targets, indent=2), encoding="utf-8")
    print(
        f"{args.users} learners, {len(targets['lessons'])} lessons, {len(targets['quizzes'])} quizzes -> {args.output}"
    )


if __name__ == "__main__":
    main()
