"""Emails (with their .ics), calendar files, reminders and retention."""

import datetime
import socket
import time
import zoneinfo
from datetime import timedelta

import icalendar
import pytest
from post_office.models import STATUS, Email

from django.core import mail as django_mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from events.models import EventRegistration
from hub import mail
from tests.events.conftest import confirm_url, link_in, register_and_confirm, register_url
from tests.events.factories import EventPageFactory, EventRegistrationFactory
from tests.mailserver import make_retries_due
from tests.mailserver import smtp_back as back

Status = EventRegistration.Status
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def smtp_back(settings):
    back(settings)
    make_retries_due()  # the retry is due now rather than after its back-off


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
        register_and_confirm(client, event, registration_data)
        register_and_confirm(client, event, {**registration_data, "email": "waiting@example.org"})
    by_subject = {m.subject: m for m in mailoutbox if not m.subject.startswith("Please confirm")}
    confirmation = by_subject["You are registered: Briefing for cities"]
    waitlisted = by_subject["You are on the waiting list: Briefing for cities"]
    assert len(mailoutbox) == 4  # two confirmation links, then one email each
    assert confirmation.to == ["amina.benali@example.org"]
    assert "https://meet.example.org/secret-room-42" in confirmation.body
    assert "Dear Amina Benali," in confirmation.body  # the owner of the address confirmed
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
    assert waitlisted.to == ["waiting@example.org"]
    assert "number 1" in waitlisted.body
    assert "secret-room-42" not in waitlisted.body
    assert waitlisted.attachments == []


def test_the_confirmation_link_email_has_no_calendar_and_no_online_link(
    client, event, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event), registration_data)
    (message,) = mailoutbox
    assert message.to == ["amina.benali@example.org"]
    assert message.attachments == []
    assert "secret-room-42" not in message.body
    assert "Access to services" in message.body  # what the event is, as its editors wrote it
    assert link_in(message, "/confirm/") == confirm_url(EventRegistration.objects.get())


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


def test_with_smtp_down_the_registration_is_kept_and_its_email_sent_once_smtp_returns(
    client, event, registration_data, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), registration_data)
    # Saved, and the visitor is told what is true: the email is on its way, not "sent".
    registration = EventRegistration.objects.get()
    assert registration.status == Status.UNCONFIRMED
    page = client.get(response["Location"]).content.decode()
    assert "Check your inbox: we are sending a link to confirm your registration" in page
    assert "We sent" not in page
    # The email waits in the outbox.
    waiting = Email.objects.get()
    assert waiting.status == STATUS.requeued
    assert waiting.to == ["amina.benali@example.org"]
    assert django_mail.outbox == []

    smtp_back(smtp_down)
    mail.send_queued()
    mail.send_queued()
    assert [m.subject for m in django_mail.outbox] == [
        "Please confirm your registration: Access to services"
    ]
    assert Email.objects.get().status == STATUS.sent


def test_a_registration_never_waits_on_a_mail_server_that_does_not_answer(
    client, event, registration_data, settings
):
    """A server that accepts connections and never speaks, with the production setting."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # accepts (in the kernel) and never reads or writes
    settings.OUTBOX_SEND_AFTER_COMMIT = False
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT = listener.getsockname()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 30
    try:
        client.get(event.url)  # the page the visitor filled in
        started = time.monotonic()
        response = client.post(register_url(event), registration_data)
        elapsed = time.monotonic() - started
        register_and_confirm(client, event, {**registration_data, "email": "b@example.org"})
    finally:
        listener.close()
    assert response.status_code == 302
    assert elapsed < 1
    assert EventRegistration.objects.filter(status=Status.UNCONFIRMED).count() == 1
    assert EventRegistration.objects.filter(status=Status.CONFIRMED).count() == 1
    # Everything is queued for the worker: two links and one confirmation.
    assert Email.objects.filter(status=STATUS.queued).count() == 3


def test_emails_go_out_only_after_commit(
    client, event, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(register_url(event), registration_data)
        assert mailoutbox == []
    # Queued in the registration's transaction, sent once it has committed.
    assert Email.objects.get().status == STATUS.queued
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [["amina.benali@example.org"]]


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
        register_and_confirm(client, french, registration_data)
    link, confirmation = mailoutbox
    assert "Accès aux services" in link.subject
    assert "/fr/events/access/registration/" in link.body
    vevent = _calendar_of(confirmation).events[0]
    assert str(vevent["SUMMARY"]) == "Accès aux services"
    assert str(vevent["URL"]).endswith("/fr/events/access/")


# --- reminders ------------------------------------------------------------------
def test_reminder_command_sends_each_reminder_once(
    events_index, mailoutbox, django_capture_on_commit_callbacks
):
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
    EventRegistrationFactory(event=in_an_hour, email="u@example.org", status=Status.UNCONFIRMED)
    EventRegistrationFactory(event=next_week, email="n@example.org")

    with django_capture_on_commit_callbacks(execute=True):
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


def test_a_reminder_waits_in_the_outbox_while_smtp_is_down_and_goes_out_once(
    events_index, smtp_down, django_capture_on_commit_callbacks
):
    from events.services import send_due_reminders

    now = timezone.now()
    soon = EventPageFactory(
        parent=events_index, start=now + timedelta(minutes=30), end=now + timedelta(hours=1)
    )
    registration = EventRegistrationFactory(event=soon)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders().sent == 1
        assert send_due_reminders().sent == 0  # queued once, however often the job runs
    registration.refresh_from_db()
    assert registration.reminder_1h_sent_at is not None
    assert Email.objects.get().status == STATUS.requeued
    assert django_mail.outbox == []

    smtp_back(smtp_down)
    mail.send_queued()
    mail.send_queued()
    assert [m.to for m in django_mail.outbox] == [[registration.email]]


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


def test_purge_also_scrubs_the_admin_log_of_the_purged_registrations(
    events_index, admin_client, settings
):
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry

    from events.services import purge_registration_data

    now = timezone.now()
    old = EventPageFactory(
        parent=events_index,
        title="Old briefing",
        start=now - timedelta(days=200),
        end=now - timedelta(days=200) + timedelta(hours=1),
    )
    registration = EventRegistrationFactory(event=old, name="Lena Vogt", email="lena@x.org")
    # An entry recorded before labels were made anonymous.
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(EventRegistration),
        object_id=str(registration.pk),
        label="Lena Vogt <lena@x.org>",
        action="wagtail.edit",
        timestamp=now,
        data={"name": "Lena Vogt"},
    )
    settings.REGISTRATION_RETENTION_DAYS = 180
    assert purge_registration_data() == 1
    entry = ModelLogEntry.objects.get(object_id=str(registration.pk))
    assert entry.label == f"Registration #{registration.pk} for Old briefing"
    assert entry.data == {}
    history = admin_client.get(f"/admin/eventregistration/history/{registration.pk}/")
    assert history.status_code == 200
    assert "Lena" not in history.content.decode()


# --- unconfirmed registrations expire ---------------------------------------------
def test_unconfirmed_registrations_expire_after_the_window_and_free_nothing(
    client, events_index, registration_data, settings
):
    settings.EMAIL_CONFIRMATION_HOURS = 24
    small = EventPageFactory(parent=events_index, capacity=1)
    seated = EventRegistrationFactory(event=small)
    waiting = EventRegistrationFactory(event=small, status=Status.WAITLISTED)
    old = EventRegistrationFactory(event=small, status=Status.UNCONFIRMED)
    fresh = EventRegistrationFactory(event=small, status=Status.UNCONFIRMED)
    EventRegistration.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(hours=24, minutes=1)
    )

    call_command("expire_unconfirmed_registrations", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(small.registrations.values_list("pk", "status")) == {
        (seated.pk, Status.CONFIRMED),
        (waiting.pk, Status.WAITLISTED),
        (fresh.pk, Status.UNCONFIRMED),
    }
    # Its link now says it is not valid, and offers to register again.
    response = client.get(confirm_url(old))
    assert response.status_code == 404
    assert f'href="{small.url}#register"' in response.content.decode()
