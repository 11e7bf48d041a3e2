"""Delete the campaign's personal data when it is no longer needed (the worker runs it daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from pledges.services import purge_pledge_data


class Command(BaseCommand):
    help = (
        "Delete unconfirmed endorsements and submissions older than EMAIL_CONFIRMATION_HOURS; "
        "delete names, email addresses, messages and submitted image files "
        "PLEDGE_RETENTION_DAYS after an approval (REJECTED_PLEDGE_RETENTION_DAYS after a "
        "rejection). The register of endorsers and the case studies are kept."
    )

    def handle(self, *args, **options):
        done = purge_pledge_data()
        self.stdout.write(
            f"Deleted {done['unconfirmed_endorsements']} unconfirmed endorsements and "
            f"{done['unconfirmed_submissions']} unconfirmed submissions (older than "
            f"{settings.EMAIL_CONFIRMATION_HOURS} h); personal data deleted from "
            f"{done['endorsements']} endorsements and {done['submissions']} submissions; "
            f"{done['images']} image files deleted."
        )
