"""Send the reminders due now (24 hours and 1 hour before events); safe to run every few minutes."""

from django.core.management.base import BaseCommand

from events.services import send_due_reminders


class Command(BaseCommand):
    help = (
        "Email confirmed registrants 24 hours and 1 hour before their event starts. Each "
        "reminder goes out once, however often this runs (cron: every 5 minutes)."
    )

    def handle(self, *args, **options):
        run = send_due_reminders()
        self.stdout.write(f"Reminders sent: {run.sent}; failed (retried next run): {run.failed}")
