"""Issue a learner's certificate by hand, optionally writing its PDF and signed credential."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from certificates import keys
from certificates.credentials import credential_signed
from certificates.services import certificate_issue, certificate_pdf_get
from course.models import CoursePage


class Command(BaseCommand):
    help = "Issue the certificate of a course to a learner (once; re-running returns the same certificate)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The learner's e-mail address.")
        parser.add_argument("--course", required=True, help="The course page's slug.")
        parser.add_argument("--output", type=Path, help="Folder where the PDF and the signed JSON are written.")

    def handle(self, *args, email, course, output=None, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email}.")
        courses = list(CoursePage.objects.filter(slug=course)[:2])
        if not courses:
            raise CommandError(f"No course with the slug {course}.")
        if len(courses) > 1:
            raise CommandError(f"Several courses have the slug {course}.")
        if output is not None:
            try:
                keys.signing_key_load()
            except keys.SigningKeyMissing as exc:
                raise CommandError(f"No signing key at {exc}: run manage.py create_signing_key first.") from exc
        certificate = certificate_issue(user=user, course=courses[0], completed_at=timezone.now())
        self.stdout.write(self.style.SUCCESS(f"Certificate {certificate.public_id}: {certificate}"))
        if output is not None:
            output.mkdir(parents=True, exist_ok=True)
            pdf_path = output / f"certificat-{certificate.public_id}.pdf"
            pdf_path.write_bytes(certificate_pdf_get(certificate=certificate))
            json_path = output / f"certificat-{certificate.public_id}.json"
            json_path.write_text(
                json.dumps(credential_signed(certificate=certificate), ensure_ascii=False, indent=2), encoding="utf-8"
            )
            self.stdout.write(f"PDF: {pdf_path}")
            self.stdout.write(f"Open Badges credential: {json_path}")
        self.stdout.write(f"Verification: {certificate.verification_url}")
