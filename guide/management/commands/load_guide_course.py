"""Create or update the guide course from the ``content/`` folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guide.errors import ContentErrors
from guide.loading import ProtectedEdits, guide_course_load, quiz_page_model
from guide.parsing import course_read
from guide.quality import course_quality_check


class Command(BaseCommand):
    help = "Create or update the guide course (pages, quizzes, learning paths) from the content files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--content", type=Path, default=settings.CONTENT_DIR, help="Content folder (default: content/)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Overwrite pages and paths that trainers edited since the last load."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only validate the files and the quality rules (guide/quality.py); write nothing.",
        )

    def handle(self, *args, content: Path, force: bool, check: bool, **options):
        try:
            course = course_read(content)
        except ContentErrors as exc:
            raise CommandError(f"The content files have {len(exc.errors)} error(s):\n{exc}") from exc
        if check:
            issues = course_quality_check(course=course)
            if issues:
                listed = "\n".join(f"  - {issue}" for issue in issues)
                raise CommandError(f"Le contenu enfreint {len(issues)} règle(s) de qualité :\n{listed}")
            questions = sum(len(quiz.questions) for quiz in course.quizzes)
            self.stdout.write(
                f"Content is valid: {len(course.modules)} modules, {len(course.lessons)} lessons, "
                f"{len(course.quizzes)} quizzes, {questions} questions, {len(course.scenarios)} crisis simulations, "
                f"{len(course.paths)} learning paths, {len(course.platforms)} platform facts"
            )
            return
        if quiz_page_model() is None:
            self.stderr.write("The quiz engine is not installed: quizzes are not loaded.")
        try:
            report = guide_course_load(course, force=force)
        except ProtectedEdits as exc:
            items = "\n".join(f"  - {item}" for item in exc.items)
            raise CommandError(
                f"Nothing was loaded: {len(exc.items)} item(s) were edited by a trainer since the last load:\n"
                f"{items}\nKeep their edits (change the content files instead) or run again with --force."
            ) from exc
        if options["verbosity"] > 1:
            for label, keys in (("created", report.created), ("updated", report.updated)):
                for key in keys:
                    self.stdout.write(f"{label}: {key}")
        self.stdout.write(
            f"{len(report.created)} created, {len(report.updated)} updated, {len(report.unchanged)} unchanged."
        )
        outcomes = list(report.platforms.values())
        self.stdout.write(
            f"Platform facts: {outcomes.count('created')} created, {outcomes.count('updated')} updated, "
            f"{outcomes.count('unchanged')} unchanged (content/platforms.yaml wins over edits in the admin)."
        )
        self.stdout.write(report.summary)
