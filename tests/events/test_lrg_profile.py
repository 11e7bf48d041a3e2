"""An LRG's public profile lists the events its staff attend only with its consent.

Only confirmed seats at public events: never the waiting list, an unconfirmed
request, a cancelled registration, or a private (password-protected) event.
"""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import PageViewRestriction

from events.models import EventRegistration
from tests.events.factories import EventPageFactory, EventRegistrationFactory
from tests.pledges.factories import LocalGovernmentFactory

Status = EventRegistration.Status


def _sessions(client, government):
    response = client.get(f"/en/local-governments/{government.slug}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "sessions-heading"})
    return [] if section is None else [a.get_text() for a in section.find_all("a")]


@pytest.fixture
def attended(events_index):
    """A government whose staff hold registrations of every kind."""
    government = LocalGovernmentFactory(name="City of Mechelen", slug="mechelen")
    titles = {
        Status.CONFIRMED: "Confirmed session",
        Status.WAITLISTED: "Waiting session",
        Status.UNCONFIRMED: "Unconfirmed session",
        Status.CANCELLED: "Cancelled session",
    }
    for status, title in titles.items():
        EventRegistrationFactory(
            event=EventPageFactory(parent=events_index, title=title),
            local_government=government,
            status=status,
        )
    private = EventPageFactory(parent=events_index, title="Private roundtable")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    EventRegistrationFactory(event=private, local_government=government)
    return government


def test_no_events_on_the_profile_without_the_governments_consent(client, attended):
    assert attended.show_event_participation is False
    assert _sessions(client, attended) == []


def test_with_consent_only_confirmed_seats_at_public_events_are_listed(client, attended):
    attended.show_event_participation = True
    attended.save()
    assert _sessions(client, attended) == ["Confirmed session"]


def test_editors_find_the_consent_on_the_government(admin_client, attended):
    form = admin_client.get(
        f"/admin/snippets/pledges/localgovernment/edit/{attended.pk}/"
    ).content.decode()
    assert 'name="show_event_participation"' in form
