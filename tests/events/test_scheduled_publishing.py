"""Seats added by publishing an event, however it is published, go to the waiting list."""

import time
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from events.models import EventRegistration
from tests.events.factories import EventPageFactory, EventRegistrationFactory

Status = EventRegistration.Status


def test_scheduled_capacity_increase_promotes_the_waiting_list(
    events_index, django_capture_on_commit_callbacks, mailoutbox
):
    full = EventPageFactory(parent=events_index, capacity=1, slug="full", title="Full")
    full.save_revision().publish()
    full.refresh_from_db()
    EventRegistrationFactory(event=full)
    first = EventRegistrationFactory(event=full, status=Status.WAITLISTED)
    second = EventRegistrationFactory(event=full, status=Status.WAITLISTED)

    # An editor schedules a revision with one more seat, to go live in a moment ...
    full.capacity = 2
    full.go_live_at = timezone.now() + timedelta(seconds=1)
    revision = full.save_revision()
    revision.publish()
    first.refresh_from_db()
    assert first.status == Status.WAITLISTED  # nothing changes before the time comes
    assert full.scheduled_revision == revision

    # ... the time comes, and the scheduled-publishing command (cron) publishes it.
    time.sleep(max((full.go_live_at - timezone.now()).total_seconds(), 0) + 0.1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")

    full.refresh_from_db()
    assert full.capacity == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.CONFIRMED
    assert second.status == Status.WAITLISTED
    assert [(m.to, m.subject) for m in mailoutbox] == [([first.email], "A seat is now yours: Full")]
