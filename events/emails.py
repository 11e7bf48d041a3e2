"""Emails to registrants, in the language they registered in.

``deliver`` is what ``transaction.on_commit`` and the reminder command call:
it never raises, it logs a failure and returns False, so a broken mail server
never loses a registration.
"""

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.calendar import absolute_url, event_calendar
from events.models import EventPage, EventRegistration

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirmation": _("You are registered: %(title)s"),
    "waitlisted": _("You are on the waiting list: %(title)s"),
    "promoted": _("A seat is now yours: %(title)s"),
    "cancelled": _("Registration cancelled: %(title)s"),
    "reminder_24h": _("Reminder: %(title)s starts soon"),
    "reminder_1h": _("Starting in one hour: %(title)s"),
}
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
        message = EmailMessage(
            subject=str(SUBJECTS[kind] % {"title": page.title}),
            body=render_to_string(f"events/email/{kind}.txt", context),
            to=[registration.email],
        )
        if confirmed:
            message.attach(
                "event.ics",
                event_calendar(
                    page, event_url, online_link=online_link, manage_url=links["manage_url"]
                ),
                "text/calendar",
            )
    return message


def deliver(registration_id, kind):
    """Send one email; log and return False on any failure (the registration is kept)."""
    try:
        registration = EventRegistration.objects.select_related("event").get(pk=registration_id)
        if registration.anonymised_at:
            return False
        build_message(registration, kind).send()
    except Exception:
        logger.exception("could not send the %s email for registration %s", kind, registration_id)
        return False
    return True
