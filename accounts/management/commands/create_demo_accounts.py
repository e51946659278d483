"""Create demo accounts (a learner per role, a trainer, an admin) and print their credentials."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import user_create_verified

DEMO_PASSWORD = "lumiere-demo-2026"

DEMO_ACCOUNTS = [
    # e-mail, full name, role, trainer?, admin?
    ("cm@demo.lumiere.test", "Camille Martin", Role.COMMUNITY_MANAGER, False, False),
    ("conservatrice@demo.lumiere.test", "Hélène Lefèvre", Role.CURATOR, False, False),
    ("autre@demo.lumiere.test", "Noé Bernard", Role.OTHER, False, False),
    ("formateur@demo.lumiere.test", "Joël Œhmichen", Role.TRAINER, True, False),
    ("admin@demo.lumiere.test", "Administratrice Lumière", Role.OTHER, False, True),
]


class Command(BaseCommand):
    help = "Create demo accounts for the quick start (refuses to run with DEBUG off unless --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo accounts have public passwords: refusing to create them with DEBUG off (use --force)."
            )
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo accounts (mot de passe / password: {DEMO_PASSWORD})"))
        for email, name, role, is_trainer, is_admin in DEMO_ACCOUNTS:
            user_create_verified(
                email=email,
                password=DEMO_PASSWORD,
                full_name=name,
                role=role,
                is_trainer=is_trainer,
                is_superuser=is_admin,
            )
            kind = "admin" if is_admin else ("formateur" if is_trainer else Role(role).label)
            self.stdout.write(f"  {email:<34} mot de passe : {DEMO_PASSWORD}   ({kind})")
