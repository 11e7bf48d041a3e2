"""Emails to registrants, in the language they registered in.

Each kind is ``events/email/<kind>_subject.txt`` and ``<kind>.txt``, sent
through ``hub.mail``: after the commit, and a failure is logged, never raised,
so a broken mail server never loses a registration.
"""

from functools import partial

from django.utils import translation

from events.calendar import absolute_url, event_calendar
from events.models import EventPage, EventRegistration
from hub import mail

# Emails of confirmed registrants: they carry the calendar file and the online link.
CONFIRMED_KINDS = {"confirmation", "promoted", "reminder_24h", "reminder_1h"}


def event_page_in_language(registration):
    """The event page in the registrant's language, or the original page."""
    event = registration.event
    translated = (
        EventPage.objects.live()
        .filter(translation_key=event.translation_key, locale__language_code=registration.language)
        .first()
    )
    return translated or event


def manage_url(page, registration):
    return absolute_url(
        page.get_url() + page.reverse_subpage("registration_route", args=[registration.token])
    )


def build_message(registration, kind):
    """The email of one kind for one registration, with its .ics when confirmed."""
    from events.services import waiting_list_position

    with translation.override(registration.language):
        page = event_page_in_language(registration)
        event_url = absolute_url(page.get_url())
        links = {"event_url": event_url, "manage_url": manage_url(page, registration)}
        confirmed = kind in CONFIRMED_KINDS and registration.status == registration.Status.CONFIRMED
        online_link = page.online_link if confirmed and page.is_online else ""
        context = {
            "registration": registration,
            "event": page,
            "online_link": online_link,
            "position": waiting_list_position(registration),
            "kind": kind,
            **links,
        }
        attachments = []
        if confirmed:
            calendar = event_calendar(
                page, event_url, online_link=online_link, manage_url=links["manage_url"]
            )
            attachments.append(("event.ics", calendar, "text/calendar"))
    return mail.compose(
        f"events/email/{kind}",
        context,
        [registration.email],
        language=registration.language,
        attachments=attachments,
    )


def _message_for(registration_id, kind):
    """The email as it should read now; None once the registrant's data was anonymised."""
    registration = EventRegistration.objects.select_related("event").get(pk=registration_id)
    if registration.anonymised_at:
        return None
    return build_message(registration, kind)


def _describe(registration_id, kind):
    return f"the {kind} email of registration {registration_id}"


def deliver(registration_id, kind):
    """Send one email now; False (logged) on any failure, the registration is kept."""
    return mail.deliver(
        partial(_message_for, registration_id, kind), _describe(registration_id, kind)
    )


def send_after_commit(registration_id, kind):
    """Send one email once the registration's transaction commits."""
    mail.send_after_commit(
        partial(_message_for, registration_id, kind), _describe(registration_id, kind)
    )
