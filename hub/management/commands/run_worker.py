"""The site's one background process: delivers the outbox and runs the periodic jobs."""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from hub import mail

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Deliver queued emails (with retries) every OUTBOX_POLL_SECONDS and run the jobs in "
        "WORKER_JOBS (reminders, expiry of unconfirmed registrations, retention purges). Run "
        "exactly one per site, beside the web servers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit (cron).")

    def handle(self, *args, once=False, **options):
        last_run = {}
        while True:
            self.run_pass(last_run)
            if once:
                return
            time.sleep(settings.OUTBOX_POLL_SECONDS)
            # A long-running process: drop database connections that broke or aged meanwhile.
            close_old_connections()

    def run_pass(self, last_run):
        try:
            sent, failed, requeued = mail.send_queued()
            if sent or failed or requeued:
                logger.info("outbox: %s sent, %s failed, %s to retry", sent, failed, requeued)
        except Exception:
            logger.exception("outbox pass failed")
        now = time.monotonic()
        for job in settings.WORKER_JOBS:
            name, interval, kwargs = (*job, {})[:3]
            if name in last_run and now - last_run[name] < interval:
                continue
            last_run[name] = now
            try:
                call_command(name, verbosity=0, **kwargs)
            except Exception:
                logger.exception("worker job %s failed", name)
