"""Prepare the Lumière side of ``bench/versus_wagtail.py``: a signed-in learner and the pages to measure.

Run after ``migrate`` and ``load_guide_course`` with the same settings as the server. Creates a learner whose
address is verified, signs her in (a real session, as the login form would leave it), adds a 10-question quiz
to the guide's first module and starts an attempt on it, then writes the URLs and the session cookie as JSON.

Usage: python bench/stock_prepare.py --output targets.json
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GUIDE_COURSE_SLUG = "animer-les-reseaux-sociaux-d-un-musee"
KINDS = ("single", "multiple", "true_false", "ordering", "matching", "best_post", "short_answer", "single")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()

    import django

    django.setup()

    from django.conf import settings
    from django.db.models.functions import Length
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Role
    from accounts.services import user_create_verified
    from course.models import CoursePage, ModulePage
    from lessons.models import LessonPage
    from quizzes import services
    from tests.factories import make_quiz, sample_question

    course = CoursePage.objects.live().get(slug=GUIDE_COURSE_SLUG)
    lesson = (
        LessonPage.objects.live().descendant_of(course).annotate(size=Length("body")).order_by("-size", "path").first()
    )
    if lesson is None:
        raise SystemExit("The guide course has no live lesson: did load_guide_course run?")
    module = ModulePage.objects.live().child_of(course).order_by("path").first()
    quiz = make_quiz(
        module, questions=[sample_question(KINDS[n % len(KINDS)]) for n in range(10)], title="Quiz de 10 questions"
    )
    user = user_create_verified(
        email="learner@bench.test",
        password="unused-bench-password",
        full_name="Apprenante",
        role=Role.COMMUNITY_MANAGER,
    )
    client = Client()
    client.force_login(user)
    attempt = services.attempt_start(user=user, quiz=quiz)
    targets = {
        "lesson": lesson.get_url(),
        "lesson_title": lesson.title,
        "lesson_chars": lesson.size,
        "quiz": quiz.get_url(),
        "attempt": reverse("quizzes:attempt", args=[attempt.pk]),
        "session_cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
    }
    args.output.write_text(json.dumps(targets, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
