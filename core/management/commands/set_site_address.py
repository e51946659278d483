"""Make the default Wagtail Site serve the given address (bin/run calls it with the port it serves on)."""

from django.core.management.base import BaseCommand, CommandError

from core.services import SiteAddressError, default_site_address_set


class Command(BaseCommand):
    help = "Set the default Wagtail Site's hostname and port from a base URL, e.g. http://127.0.0.1:8401."

    def add_arguments(self, parser):
        parser.add_argument("url", help="The public base URL, e.g. http://127.0.0.1:8401 or https://lumiere.example")

    def handle(self, *args, url, **options):
        try:
            changed = default_site_address_set(url=url)
        except SiteAddressError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Default site: {url.strip().rstrip('/')} ({'updated' if changed else 'unchanged'}).")
