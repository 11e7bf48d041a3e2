"""Fixtures for the events tests: an events section under the home page, events, people."""

import datetime
import zoneinfo

import pytest

from django.contrib.auth.models import Group

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import UserFactory

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def event(events_index):
    """Ten days ahead, online, 20 seats, waiting list on."""
    return EventPageFactory(parent=events_index, title="Access to services", slug="access")


@pytest.fixture
def briefing(events_index):
    """The seed's briefing: Wednesday 13 April 2022, 15:00-16:00 CEST."""
    return EventPageFactory(
        parent=events_index,
        title="Briefing Session on the IMRF",
        slug="briefing-session-on-the-imrf",
        event_type="briefing",
        start=datetime.datetime(2022, 4, 13, 15, 0, tzinfo=BRUSSELS),
        end=datetime.datetime(2022, 4, 13, 16, 0, tzinfo=BRUSSELS),
    )


@pytest.fixture
def registration_data():
    return {
        "name": "Amina Benali",
        "email": "amina.benali@example.org",
        "organisation": "City of Marrakech",
        "role": "Migration officer",
        "country": "MA",
        "needs": "Interpretation into French",
        "consent": "on",
        "website": "",
    }


@pytest.fixture
def event_manager(db):
    user = UserFactory(username="eventmanager")
    user.groups.add(Group.objects.get(name="Event managers"))
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name="Communications"))
    return user


def register_url(event):
    return event.url + "register/"


def manage_url(registration):
    event = registration.event
    return event.url + f"registration/{registration.token}/"


def confirm_url(registration, page=None):
    """The link of the confirmation email, on ``page`` (a translation) or the event's own."""
    page = page or registration.event
    return page.url + f"registration/{registration.token}/confirm/"


def link_in(message, ending):
    """The first address in an email's body whose path ends with ``ending``."""
    import re
    from urllib.parse import urlsplit

    match = re.search(r"https?://\S+" + re.escape(ending), message.body)
    assert match, f"no link ending in {ending} in {message.body!r}"
    return urlsplit(match.group(0)).path


def register_and_confirm(client, page, data):
    """Register through the form, then open the confirmation link and press the button.

    Returns the response to the confirmation (a redirect to the registration page).
    """
    from events.models import EventRegistration

    response = client.post(register_url(page), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    registration = EventRegistration.objects.filter(
        email=data["email"].strip().lower(), status=EventRegistration.Status.UNCONFIRMED
    ).latest("id")
    return client.post(confirm_url(registration, page))


def event_form_data(**overrides):
    """What the admin's event form posts, publishing the page."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    fields = {
        "title": "Briefing from the admin",
        "slug": "briefing-from-the-admin",
        "summary": "",
        "event_type": "briefing",
        "start": "2030-04-13 15:00",
        "end": "2030-04-13 16:00",
        "time_zone": "Europe/Brussels",
        "attendance_mode": "online",
        "venue_name": "",
        "venue_address": "",
        "city": "",
        "online_link": "https://meet.example.org/admin",
        "body": streamfield([]),
        "speakers": streamfield([]),
        "agenda": streamfield([]),
        "co_hosts": inline_formset([]),
        "practices": inline_formset([]),
        "registration_open": "on",
        "capacity": "40",
        "registration_deadline": "",
        "waiting_list_enabled": "on",
        "recording_url": "",
        "resources": streamfield([]),
        "action-publish": "publish",
    }
    fields.update(overrides)
    return nested_form_data(fields)
