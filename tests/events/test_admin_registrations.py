"""Registrations as an event manager works them: the next event first, counts that stay true
under a filter, actions that keep the filter, exports a person can read."""

import csv
import datetime
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from django.utils import timezone

from events.models import EventRegistration
from tests.events.factories import EventPageFactory, EventRegistrationFactory

Status = EventRegistration.Status
LISTING = "/admin/eventregistration/"


@pytest.fixture
def past_event(events_index):
    start = timezone.now() - datetime.timedelta(days=4 * 365)
    return EventPageFactory(
        parent=events_index,
        title="Briefing four years ago",
        start=start,
        end=start + datetime.timedelta(hours=1),
    )


@pytest.fixture
def busy_event(events_index):
    event = EventPageFactory(parent=events_index, title="Next peer learning", capacity=2)
    for n in range(2):
        EventRegistrationFactory(event=event, name=f"Seated {n}", email=f"seated{n}@x.org")
    for n in range(7):
        EventRegistrationFactory(
            event=event,
            name=f"Waiting {n}",
            email=f"waiting{n}@x.org",
            status=Status.WAITLISTED,
            country="PL",
        )
    return event


def test_registrations_open_on_the_next_upcoming_event(
    client, event_manager, past_event, busy_event, events_index
):
    later = EventPageFactory(
        parent=events_index,
        title="Later",
        start=busy_event.start + datetime.timedelta(days=30),
        end=busy_event.end + datetime.timedelta(days=30),
    )
    EventRegistrationFactory(event=past_event, name="Old Registrant")
    EventRegistrationFactory(event=later, name="Later Registrant")
    client.force_login(event_manager)
    response = client.get(LISTING)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query) == {"event": [str(busy_event.pk)]}
    html = client.get(response["Location"]).content.decode()
    assert "Seated 0" in html
    assert "Old Registrant" not in html and "Later Registrant" not in html
    # "All events" (an empty choice) stays on all of them.
    html = client.get(LISTING, {"event": ""}).content.decode()
    assert "Old Registrant" in html and "Later Registrant" in html


def test_the_summary_counts_stay_true_when_filtered_to_confirmed(client, event_manager, busy_event):
    client.force_login(event_manager)
    html = client.get(LISTING, {"event": busy_event.pk, "status": "confirmed"}).content.decode()
    assert "Waiting 0" not in html  # the list is filtered ...
    assert "<strong>Confirmed:</strong> 2" in html
    assert "<strong>On the waiting list:</strong> 7" in html  # ... the counts are not
    # The results-only view (filters changed without reloading) says the same.
    html = client.get(
        LISTING + "results/", {"event": busy_event.pk, "status": "confirmed"}
    ).content.decode()
    assert "<strong>On the waiting list:</strong> 7" in html


def test_cancelling_keeps_the_filter(
    client, event_manager, busy_event, django_capture_on_commit_callbacks
):
    client.force_login(event_manager)
    filtered = {"event": busy_event.pk, "status": "confirmed"}
    html = client.get(LISTING, filtered).content.decode()
    seated = EventRegistration.objects.get(event=busy_event, name="Seated 0")
    [cancel_url] = set(re.findall(rf'href="({LISTING}cancel/{seated.pk}/[^"]*)"', html))
    cancel_url = cancel_url.replace("&amp;", "&")
    confirm = client.get(cancel_url).content.decode()
    assert "status=confirmed" in confirm  # the "No, go back" link too
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url, {"next": parse_qs(urlsplit(cancel_url).query)["next"]})
    back = urlsplit(response["Location"])
    assert back.path == LISTING
    assert parse_qs(back.query) == {"event": [str(busy_event.pk)], "status": ["confirmed"]}
    seated.refresh_from_db()
    assert seated.status == Status.CANCELLED
    page = client.get(response["Location"]).content.decode()
    assert "cancelled; 1 promoted from the waiting list" in page
    assert "<strong>On the waiting list:</strong> 6" in page


def test_a_next_address_elsewhere_is_ignored(client, event_manager, busy_event):
    client.force_login(event_manager)
    seated = EventRegistration.objects.get(event=busy_event, name="Seated 1")
    response = client.post(
        f"{LISTING}cancel/{seated.pk}/", {"next": "https://evil.example/admin/eventregistration/"}
    )
    assert response["Location"] == f"{LISTING}?event={busy_event.pk}"


def test_the_export_puts_words_beside_codes(client, event_manager, busy_event):
    client.force_login(event_manager)
    response = client.get(LISTING, {"event": busy_event.pk, "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    heading = rows[0]
    assert heading.index("Country") == heading.index("Country code") + 1
    assert heading.index("Status") == heading.index("Status code") + 1
    waiting = next(row for row in rows if row[heading.index("Name")] == "Waiting 0")
    assert waiting[heading.index("Country code")] == "PL"
    assert waiting[heading.index("Country")] == "Poland"
    assert waiting[heading.index("Status code")] == "waitlisted"
    assert waiting[heading.index("Status")] == "On the waiting list"
    assert waiting[heading.index("Language")] == "English"
