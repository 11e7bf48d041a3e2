"""Delete registrations whose email address was not confirmed in time (EMAIL_CONFIRMATION_HOURS)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import expire_unconfirmed_registrations


class Command(BaseCommand):
    help = (
        "Delete registration requests whose confirmation link was not opened within "
        "EMAIL_CONFIRMATION_HOURS. They held no seat, so nothing is freed; the worker runs "
        "this every few minutes."
    )

    def handle(self, *args, **options):
        count = expire_unconfirmed_registrations()
        self.stdout.write(
            f"Unconfirmed registrations deleted: {count} (older than "
            f"{settings.EMAIL_CONFIRMATION_HOURS} hours)."
        )
