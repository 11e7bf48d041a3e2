"""The admin's search box reaches the campaign's records, partners and (for event managers
only) registrations: each area links to its listing, which finds the words typed."""

import html as html_lib
import re
from urllib.parse import quote

import pytest

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission

from tests.events.factories import EventIndexPageFactory, EventPageFactory, EventRegistrationFactory
from tests.factories import PartnerFactory, UserFactory
from tests.pledges.factories import (
    ActionSubmissionFactory,
    EndorsementFactory,
    LocalGovernmentFactory,
)

SEARCH = "/admin/pages/search/"


def member(group, username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    return user


def area_links(client, query):
    """{area name: its link} on the admin search page for ``query``."""
    page = client.get(SEARCH, {"q": query}).content.decode()
    links = re.findall(r'<a href="([^"]+\?q=[^"]*)"[^>]*>(?:<svg.*?</svg>)?([^<]+)</a>', page)
    return {label.strip(): html_lib.unescape(url) for url, label in links}


@pytest.fixture
def records(home_page):
    EndorsementFactory(government_name="Gdańsk", country="PL", status="pending")
    EndorsementFactory(government_name="Lyon", country="FR")
    ActionSubmissionFactory(title="Welcome desks", government_name="Gdańsk", country="PL")
    ActionSubmissionFactory(title="Night buses", government_name="Quito", country="EC")
    LocalGovernmentFactory(name="Lisbon", country="PT")
    LocalGovernmentFactory(name="Accra", country="GH")
    PartnerFactory(name="Office of the UN High Commissioner for Refugees", short_name="UNHCR")
    PartnerFactory(name="International Organization for Migration", short_name="IOM")
    index = EventIndexPageFactory(parent=home_page)
    # As the demo does: event managers edit the events section.
    GroupPagePermission.objects.create(
        group=Group.objects.get(name="Event managers"), page=index, permission_type="change"
    )
    event = EventPageFactory(parent=index, title="Briefing")
    EventRegistrationFactory(event=event, name="Ana Lisbon-Reyes", organisation="City of Lisbon")
    EventRegistrationFactory(event=event, name="Kofi Mensah", organisation="City of Accra")


@pytest.mark.parametrize(
    ("area", "query", "found", "not_found"),
    [
        ("Endorsements", "Gdańsk", "Gdańsk", "Lyon"),
        ("Local-action submissions", "Gdańsk", "Welcome desks", "Night buses"),
        ("Local governments", "Lisbon", "Lisbon", "Accra"),
        ("Partners", "UNHCR", "UN High Commissioner for Refugees", "Organization for Migration"),
    ],
)
def test_each_area_finds_by_name(admin_client, records, area, query, found, not_found):
    links = area_links(admin_client, query)
    assert area in links
    assert links[area].endswith("?q=" + quote(query))
    listing = admin_client.get(links[area]).content.decode()
    assert found in listing
    assert not_found not in listing


def test_registrations_are_searched_by_event_managers_only(client, records):
    client.force_login(member("Communications", "comms"))
    links = area_links(client, "Lisbon")
    assert "Registrations" not in links
    assert "Partners" in links and "Local governments" in links

    client.force_login(member("Event managers", "events"))
    links = area_links(client, "Lisbon")
    listing = client.get(links["Registrations"]).content.decode()
    assert "Ana Lisbon-Reyes" in listing
    assert "Kofi Mensah" not in listing


def test_moderators_see_the_campaign_areas(client, records):
    client.force_login(member("Moderators", "mod"))
    links = area_links(client, "Gdańsk")
    assert {"Endorsements", "Local-action submissions", "Local governments"} <= set(links)
    assert "Registrations" not in links
