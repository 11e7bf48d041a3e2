"""Calendar files (iCalendar, RFC 5545) made with the icalendar library.

Times carry the event's own IANA zone (``DTSTART;TZID=Europe/Brussels``) with
a matching VTIMEZONE, so calendars show the right hour on both sides of a
daylight-saving change. The online link goes only into a confirmed
registrant's file, never into the public ones.
"""

from urllib.parse import urljoin, urlsplit

import icalendar

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

PRODID = "-//Local Action Hub//Events//EN"


def absolute_url(path):
    """An address on the public site (SITE_URL), for emails and calendar files."""
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path)


def event_uid(event):
    """The same UID in every language and file, so calendars update instead of duplicating."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"event-{event.translation_key}@{host}"


def _location(event, online_link=None):
    parts = []
    if event.is_in_person:
        parts = [p for p in (event.venue_name, event.venue_address, event.city) if p]
    if event.is_online:
        parts.append(online_link or _("Online"))
    return ", ".join(" ".join(p.split()) for p in parts)


def event_component(event, url, *, online_link=None, manage_url=None):
    """One VEVENT: title, times in the event's zone, location, URL back to the page."""
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", event.local_start)
    vevent.add("dtend", event.local_end)
    vevent.add("summary", event.title)
    vevent.add("url", url)
    vevent.add("status", "CONFIRMED")
    location = _location(event, online_link)
    if location:
        vevent.add("location", location)
    lines = [event.summary] if event.summary else []
    if online_link:
        lines.append(_("Join online: %(link)s") % {"link": online_link})
    lines.append(_("Event page: %(url)s") % {"url": url})
    if manage_url:
        lines.append(_("Manage or cancel your registration: %(url)s") % {"url": manage_url})
    vevent.add("description", "\n\n".join(lines))
    return vevent


def build_calendar(components, name=None):
    """A VCALENDAR with the components and the time zones they use, as bytes."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for component in components:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_calendar(event, url, *, online_link=None, manage_url=None):
    """The .ics file of one event (public, or a registrant's with their links)."""
    return build_calendar(
        [event_component(event, url, online_link=online_link, manage_url=manage_url)]
    )


def events_feed(events, url_for, name):
    """A subscribable feed of several events; ``url_for(event)`` gives each one's address."""
    return build_calendar([event_component(event, url_for(event)) for event in events], name)
