"""Emails to registrants, in the language they registered in.

Each kind is ``events/email/<kind>_subject.txt`` and ``<kind>.txt``, queued in
the outbox (``hub.mail``) inside the transaction that changes the
registration, so the email exists exactly when the change does. It leaves the
site after the commit (the request tries at once when
``OUTBOX_SEND_AFTER_COMMIT``, else the worker): a mail server that is down or
never answers neither loses the email nor holds up the visitor.

``confirm_email`` and ``already_registered`` go to an address nobody has
proven to own yet: they carry no text the visitor typed (no name,
organisation, role or needs), only the event and a link.
"""

from functools import partial

from django.conf import settings
from django.utils import translation

from events.calendar import absolute_url, event_calendar
from events.models import EventPage, EventRegistration
from hub import mail

# Emails of confirmed registrants: they carry the calendar file and the online link.
CONFIRMED_KINDS = {"confirmation", "promoted", "reminder_24h", "reminder_1h"}
# Emails to an address before its owner confirmed anything: no typed text in them.
UNCONFIRMED_KINDS = {"confirm_email", "already_registered"}


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


def confirm_url(page, registration):
    return absolute_url(
        page.get_url() + page.reverse_subpage("confirm_route", args=[registration.token])
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
        if kind in UNCONFIRMED_KINDS:
            # Only what the site itself knows: the event, the status and the links.
            context = {
                "event": page,
                "status": registration.get_status_display(),
                "hours": settings.EMAIL_CONFIRMATION_HOURS,
                "confirm_url": confirm_url(page, registration),
                "kind": kind,
                **links,
            }
        else:
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
    """Queue one email in the outbox now; False when there is nothing to send any more."""
    return mail.deliver(
        partial(_message_for, registration_id, kind), _describe(registration_id, kind)
    )


def send_after_commit(registration_id, kind):
    """Queue one email in the current transaction; it leaves once that commits."""
    mail.send_after_commit(
        partial(_message_for, registration_id, kind), _describe(registration_id, kind)
    )
