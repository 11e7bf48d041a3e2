"""The events index, the event page (times, zones, JSON-LD), the admin form, the home section."""

import datetime
import json
import re
import zoneinfo
from datetime import timedelta

import icalendar
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield

from events.models import EventPage, EventRegistration
from tests.events.conftest import event_form_data
from tests.events.factories import EventPageFactory, EventRegistrationFactory

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def _queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, locales)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


# --- index ----------------------------------------------------------------------
def test_index_lists_upcoming_soonest_first_then_past_newest_first(client, events_index):
    now = timezone.now()

    def make(title, days):
        return EventPageFactory(
            parent=events_index,
            title=title,
            start=now + timedelta(days=days),
            end=now + timedelta(days=days, hours=1),
        )

    make("Later", 30)
    make("Old", -400)
    make("Soon", 3)
    make("Recent", -20)
    content = _text(client.get(events_index.url))
    upcoming, past = content.split('id="past-heading"')
    assert upcoming.index("Soon") < upcoming.index("Later")
    assert past.index("Recent") < past.index("Old")
    assert "Old" not in upcoming


def test_index_filters_by_type_and_ignores_unknown_types(client, events_index):
    EventPageFactory(parent=events_index, title="A webinar", event_type="webinar")
    EventPageFactory(parent=events_index, title="A workshop", event_type="workshop")
    filtered = _text(client.get(events_index.url + "?type=webinar"))
    assert "A webinar" in filtered
    assert "A workshop" not in filtered
    unknown = client.get(events_index.url + "?type=<script>")
    assert unknown.status_code == 200
    text = _text(unknown)
    assert "Unknown type of event ignored: &lt;script&gt;." in text
    assert "A webinar" in text and "A workshop" in text


def test_index_is_paginated_and_bad_page_numbers_do_not_fail(client, events_index):
    for i in range(14):
        EventPageFactory(parent=events_index, title=f"Session number {i:02d}")
    first = _text(client.get(events_index.url))
    second = _text(client.get(events_index.url + "?page=2"))
    assert first.count('class="card event-card"') == 12
    assert second.count('class="card event-card"') == 2
    assert 'aria-current="page">2<' in second
    assert client.get(events_index.url + "?page=abc").status_code == 200
    assert client.get(events_index.url + "?page=999").status_code == 200


def test_index_query_count_is_constant_as_events_grow(
    client, events_index, django_assert_num_queries, settings
):
    settings.FRAGMENT_CACHE_ENABLED = False  # what building the page costs
    for _ in range(3):
        EventPageFactory(parent=events_index)
    few = _queries(client, events_index.url)
    for _ in range(9):
        EventPageFactory(parent=events_index, start=timezone.now() - timedelta(days=30))
    client.get(events_index.url)
    with django_assert_num_queries(few):
        client.get(events_index.url)


def test_index_offers_the_calendar_feed(client, events_index):
    content = client.get(events_index.url).content.decode()
    assert 'href="/events/upcoming.ics?lang=en"' in content
    assert 'type="text/calendar"' in content


# --- event page -----------------------------------------------------------------
def test_briefing_shows_15_to_16_cest_on_the_page_and_in_the_ics(client, briefing):
    text = _text(client.get(briefing.url))
    assert "Wednesday 13 April 2022" in text
    assert "15:00–" in text and ">16:00<" in text
    assert "CEST (Europe/Brussels)" in text
    # The visitor's own time is computed in the browser from the UTC instant.
    assert 'data-event-start="2022-04-13T13:00:00+00:00"' in text
    vevent = icalendar.Calendar.from_ical(client.get(briefing.url + "event.ics").content).events[0]
    assert vevent["DTSTART"].to_ical() == b"20220413T150000"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert vevent["DTEND"].to_ical() == b"20220413T160000"


def test_same_local_hour_across_a_daylight_saving_change(client, events_index):
    """15:00 in Brussels is 14:00 UTC in January (CET) and 13:00 UTC in April (CEST)."""
    winter = EventPageFactory(
        parent=events_index,
        slug="winter-briefing",
        start=datetime.datetime(2022, 1, 12, 15, 0, tzinfo=BRUSSELS),
        end=datetime.datetime(2022, 1, 12, 16, 0, tzinfo=BRUSSELS),
    )
    assert winter.start.astimezone(datetime.UTC).hour == 14
    text = _text(client.get(winter.url))
    assert "Wednesday 12 January 2022" in text
    assert "CET (Europe/Brussels)" in text
    assert "15:00–" in text
    calendar = icalendar.Calendar.from_ical(client.get(winter.url + "event.ics").content)
    vevent = calendar.events[0]
    assert vevent["DTSTART"].to_ical() == b"20220112T150000"
    assert vevent.start.utcoffset() == timedelta(hours=1)
    names = {str(sub["TZNAME"]) for sub in calendar.walk("VTIMEZONE")[0].subcomponents}
    assert names == {"CET", "CEST"}


def test_event_page_has_schema_org_event_json_ld_without_the_online_link(client, briefing):
    content = client.get(briefing.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["name"] == "Briefing Session on the IMRF"
    assert data["startDate"] == "2022-04-13T15:00:00+02:00"
    assert data["endDate"] == "2022-04-13T16:00:00+02:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert "secret-room" not in raw


def test_past_event_shows_recording_and_no_form(client, briefing):
    briefing.recording_url = "https://video.example.org/briefing"
    briefing.save_revision().publish()
    text = _text(client.get(briefing.url))
    assert "This event has taken place." in text
    assert "Watch the recording" in text
    assert 'name="email"' not in text


def test_event_page_query_count_is_constant_as_registrations_grow(
    client, event, django_assert_num_queries, settings
):
    settings.FRAGMENT_CACHE_ENABLED = False  # what building the page costs
    EventRegistrationFactory.create_batch(2, event=event)
    few = _queries(client, event.url)
    assert few <= 30
    EventRegistrationFactory.create_batch(15, event=event)
    EventRegistrationFactory.create_batch(5, event=event, status="waitlisted")
    with django_assert_num_queries(few):
        response = client.get(event.url)
    assert "3 seats left" in response.content.decode()


def test_co_hosts_are_listed(client, events_index):
    from events.models import EventCoHost
    from tests.factories import PartnerFactory

    unhcr = PartnerFactory(name="UN Refugee Agency", url="https://www.unhcr.org/")
    event = EventPageFactory(parent=events_index)
    EventCoHost.objects.create(page=event, partner=unhcr, sort_order=0)
    event.save_revision().publish()
    content = client.get(event.url).content.decode()
    assert '<a href="https://www.unhcr.org/">UN Refugee Agency</a>' in content


# --- admin ----------------------------------------------------------------------
def _admin_post(admin_client, events_index, start, end):
    data = event_form_data(
        start=start, end=end, body=streamfield([("paragraph", rich_text("<p>Hello</p>"))])
    )
    return admin_client.post(f"/admin/pages/add/events/eventpage/{events_index.pk}/", data)


@pytest.mark.parametrize(
    ("date", "utc_hour"),
    [("2022-04-13", 13), ("2022-01-12", 14)],
)
def test_editor_types_times_in_the_events_own_zone(admin_client, events_index, date, utc_hour):
    response = _admin_post(admin_client, events_index, f"{date} 15:00", f"{date} 16:00")
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="briefing-from-the-admin")
    assert event.live
    assert event.start.astimezone(datetime.UTC).hour == utc_hour
    assert event.local_start.hour == 15
    # The edit form shows it back as 15:00, not in the editor's zone.
    edit = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f'value="{date} 15:00"' in edit


def test_admin_refuses_an_end_before_the_start(admin_client, events_index):
    response = _admin_post(admin_client, events_index, "2030-04-13 15:00", "2030-04-13 14:00")
    assert response.status_code == 200
    assert "The event must end after it starts." in response.content.decode()
    assert not EventPage.objects.filter(slug="briefing-from-the-admin").exists()


def test_events_index_can_be_created_only_under_the_home_page():
    from events.models import EventIndexPage
    from hub.models import HomePage

    assert EventIndexPage.parent_page_types == ["hub.HomePage"]
    assert EventPage.parent_page_types == ["events.EventIndexPage"]
    assert EventIndexPage.can_create_at(HomePage())


# --- home, search, API ----------------------------------------------------------
def test_home_page_shows_upcoming_events(client, events_index, briefing):
    EventPageFactory(parent=events_index, title="Coming up next")
    content = client.get("/en/").content.decode()
    assert "Upcoming events" in content
    assert "Coming up next" in content
    assert "Briefing Session on the IMRF" not in content


def test_registrations_never_reach_search_or_the_api(client, event):
    from wagtail.search import index

    EventRegistrationFactory(event=event, name="Zebulon Quartermain", email="zq@example.org")
    assert not issubclass(EventRegistration, index.Indexed)
    assert list(Page.objects.live().search("Quartermain")) == []
    assert list(Page.objects.live().search("secret-room-42")) == []
    # The site's own search page finds the event but not the person.
    found = client.get("/en/search/", {"q": "Access to services"}).content.decode()
    assert "Access to services" in found
    for query in ("Quartermain", "zq@example.org"):
        results = client.get("/en/search/", {"q": query})
        assert results.status_code == 200
        assert "Quartermain" not in results.content.decode().replace(f"{query}", "")
    api = client.get("/api/v2/pages/", {"type": "events.EventPage", "fields": "*"})
    assert api.status_code == 200
    body = api.content.decode()
    assert "Access to services" in body
    for private in ("Quartermain", "zq@example.org", "secret-room-42", "registrations"):
        assert private not in body
    detail = client.get(f"/api/v2/pages/{event.pk}/").content.decode()
    assert "secret-room-42" not in detail
