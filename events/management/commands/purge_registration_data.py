"""Delete registrants' personal data N days after their event (REGISTRATION_RETENTION_DAYS)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import purge_registration_data


class Command(BaseCommand):
    help = (
        "Delete names, emails and other personal data of registrations whose event ended more "
        "than N days ago (default: REGISTRATION_RETENTION_DAYS). Counts per event are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REGISTRATION_RETENTION_DAYS,
            help="Days after the event (default %(default)s).",
        )

    def handle(self, *args, days, **options):
        count = purge_registration_data(days=days)
        self.stdout.write(
            f"Personal data deleted from {count} registrations (events over {days} days ago)."
        )
