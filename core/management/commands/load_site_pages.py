"""Create the site's information pages (legal notice, accessibility, personal data, contact) if missing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.site_pages import SitePageError, site_pages_load, site_pages_read


class Command(BaseCommand):
    help = "Create the information pages linked from the footer from content/site/; existing pages are kept."

    def add_arguments(self, parser):
        parser.add_argument(
            "--content",
            type=Path,
            default=settings.BASE_DIR / "content" / "site",
            help="Folder of the pages (default: content/site/).",
        )

    def handle(self, *args, content: Path, **options):
        try:
            created = site_pages_load(site_pages_read(content))
        except SitePageError as exc:
            raise CommandError(str(exc)) from exc
        kept = "existing pages are kept as edited in the admin"
        self.stdout.write(f"{len(created)} information page(s) created ({', '.join(created) or 'none'}); {kept}.")
