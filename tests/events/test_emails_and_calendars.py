"""Emails (with their .ics), calendar files, reminders and retention."""

import datetime
import logging
import zoneinfo
from datetime import timedelta

import icalendar
import pytest

from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from events.models import EventRegistration
from tests.events.conftest import register_url
from tests.events.factories import EventPageFactory, EventRegistrationFactory

Status = EventRegistration.Status
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


class BrokenEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unreachable")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def _calendar_of(message):
    attachments = [a for a in message.attachments if a[0] == "event.ics"]
    assert len(attachments) == 1
    name, content, mimetype = attachments[0]
    assert mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(content)


def test_confirmation_email_carries_an_ics_with_tzid_url_and_the_online_link(
    client, events_index, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    event = EventPageFactory(
        parent=events_index,
        title="Briefing for cities",
        slug="briefing-for-cities",
        time_zone="America/Bogota",
        start=datetime.datetime(2030, 3, 5, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/Bogota")),
        end=datetime.datetime(2030, 3, 5, 10, 30, tzinfo=zoneinfo.ZoneInfo("America/Bogota")),
        capacity=1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event), registration_data)
        client.post(register_url(event), {**registration_data, "email": "waiting@example.org"})
    confirmation, waitlisted = mailoutbox
    assert confirmation.to == ["amina.benali@example.org"]
    assert confirmation.subject == "You are registered: Briefing for cities"
    assert "https://meet.example.org/secret-room-42" in confirmation.body
    registration = EventRegistration.objects.get(email="amina.benali@example.org")
    assert f"/en/events/briefing-for-cities/registration/{registration.token}/" in confirmation.body

    vevent = _calendar_of(confirmation).events[0]
    assert vevent["DTSTART"].params["TZID"] == "America/Bogota"
    assert vevent.start == datetime.datetime(
        2030, 3, 5, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/Bogota")
    )
    assert vevent.end.hour == 10 and vevent.end.minute == 30
    assert str(vevent["URL"]) == "http://127.0.0.1:8000/en/events/briefing-for-cities/"
    assert "secret-room-42" in str(vevent["DESCRIPTION"])
    assert "secret-room-42" in str(vevent["LOCATION"])
    assert _calendar_of(confirmation).walk("VTIMEZONE")[0]["TZID"] == "America/Bogota"

    # The waitlisted person gets no link and no calendar file.
    assert waitlisted.subject == "You are on the waiting list: Briefing for cities"
    assert "number 1" in waitlisted.body
    assert "secret-room-42" not in waitlisted.body
    assert waitlisted.attachments == []


def test_public_calendar_file_has_no_online_link(client, event):
    response = client.get(event.url + "event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    vevent = icalendar.Calendar.from_ical(response.content).events[0]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert str(vevent["URL"]) == "http://testserver/en/events/access/"
    assert "secret-room-42" not in response.content.decode()


def test_calendar_file_of_an_unknown_page_is_404(client, events_index, event):
    assert client.get("/en/events/nothing-here/event.ics").status_code == 404
    # The index is not an event.
    assert client.get("/en/events/event.ics").status_code == 404


def test_upcoming_feed_lists_upcoming_events_only(client, events_index, briefing):
    soon = EventPageFactory(parent=events_index, title="Soon")
    later = EventPageFactory(
        parent=events_index,
        title="Later",
        start=timezone.now() + timedelta(days=40),
        end=timezone.now() + timedelta(days=40, hours=2),
    )
    response = client.get("/events/upcoming.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Soon", "Later"]
    assert str(calendar.events[0]["URL"]) == f"http://testserver{soon.url}"
    assert "secret-room-42" not in response.content.decode()
    assert later.title in response.content.decode()


def test_a_failed_email_is_logged_and_the_registration_kept(
    client, event, registration_data, django_capture_on_commit_callbacks, caplog
):
    with (
        override_settings(
            EMAIL_BACKEND="tests.events.test_emails_and_calendars.BrokenEmailBackend"
        ),
        caplog.at_level(logging.ERROR, logger="hub.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(register_url(event), registration_data)
    assert response.status_code == 302
    assert EventRegistration.objects.get().status == Status.CONFIRMED
    assert "could not send the confirmation email" in caplog.text


def test_emails_go_out_only_after_commit(
    client, event, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(register_url(event), registration_data)
        assert mailoutbox == []
    assert len(callbacks) == 1


def test_email_in_the_registrants_language(
    client,
    event,
    registration_data,
    translated_home,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    from hub.localization import translate

    translate(event.get_parent(), "fr", {})
    french = translate(event, "fr", {"Access to services": "Accès aux services"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(french.url + "register/", registration_data)
    vevent = _calendar_of(mailoutbox[0]).events[0]
    assert str(vevent["SUMMARY"]) == "Accès aux services"
    assert str(vevent["URL"]).endswith("/fr/events/access/")


# --- reminders ------------------------------------------------------------------
def test_reminder_command_sends_each_reminder_once(events_index, mailoutbox):
    now = timezone.now()
    tomorrow = EventPageFactory(
        parent=events_index,
        title="Tomorrow",
        start=now + timedelta(hours=20),
        end=now + timedelta(hours=21),
    )
    in_an_hour = EventPageFactory(
        parent=events_index,
        title="Soon",
        start=now + timedelta(minutes=50),
        end=now + timedelta(minutes=110),
    )
    next_week = EventPageFactory(parent=events_index, title="Next week")
    EventRegistrationFactory(event=tomorrow, email="t@example.org")
    EventRegistrationFactory(event=in_an_hour, email="s@example.org")
    EventRegistrationFactory(event=in_an_hour, email="w@example.org", status=Status.WAITLISTED)
    EventRegistrationFactory(event=in_an_hour, email="c@example.org", status=Status.CANCELLED)
    EventRegistrationFactory(event=next_week, email="n@example.org")

    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    sent = sorted((m.to[0], m.subject) for m in mailoutbox)
    assert sent == [
        ("s@example.org", "Starting in one hour: Soon"),
        ("t@example.org", "Reminder: Tomorrow starts soon"),
    ]
    soon_reminder = next(m for m in mailoutbox if m.to == ["s@example.org"])
    assert "secret-room-42" in soon_reminder.body
    assert _calendar_of(soon_reminder).events[0]["DTSTART"].params["TZID"] == "Europe/Brussels"


def test_reminder_that_failed_is_tried_again(events_index, mailoutbox):
    now = timezone.now()
    soon = EventPageFactory(
        parent=events_index, start=now + timedelta(minutes=30), end=now + timedelta(hours=1)
    )
    registration = EventRegistrationFactory(event=soon)
    from events.services import send_due_reminders

    with override_settings(
        EMAIL_BACKEND="tests.events.test_emails_and_calendars.BrokenEmailBackend"
    ):
        assert send_due_reminders().failed == 1
    registration.refresh_from_db()
    assert registration.reminder_1h_sent_at is None
    assert send_due_reminders().sent == 1
    assert send_due_reminders().sent == 0
    assert len(mailoutbox) == 1


# --- retention ------------------------------------------------------------------
def test_purge_deletes_personal_data_after_the_retention_period_and_keeps_counts(
    events_index, settings
):
    settings.REGISTRATION_RETENTION_DAYS = 180
    now = timezone.now()
    old = EventPageFactory(
        parent=events_index,
        start=now - timedelta(days=200),
        end=now - timedelta(days=200) + timedelta(hours=1),
    )
    recent = EventPageFactory(
        parent=events_index,
        start=now - timedelta(days=10),
        end=now - timedelta(days=10) + timedelta(hours=1),
    )
    EventRegistrationFactory.create_batch(3, event=old, needs="Sign language")
    EventRegistrationFactory(event=old, status=Status.CANCELLED)
    kept = EventRegistrationFactory(event=recent, name="Still Here")

    call_command("purge_registration_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    old_rows = list(old.registrations.all())
    assert len(old_rows) == 4
    assert {(r.name, r.email, r.organisation, r.role, r.needs) for r in old_rows} == {
        ("", "", "", "", "")
    }
    assert all(r.anonymised_at for r in old_rows)
    assert old.registrations.filter(status=Status.CONFIRMED).count() == 3
    kept.refresh_from_db()
    assert kept.name == "Still Here"
    # Running again changes nothing.
    from events.services import purge_registration_data

    assert purge_registration_data() == 0
