"""The rules of events and registrations, pretix-style: each rule in one place.

Seat allocation is race-safe: every change to an event's seats happens inside
``transaction.atomic()`` after locking the event's row (``SELECT ... FOR
UPDATE`` on PostgreSQL; SQLite runs IMMEDIATE transactions, which take the
write lock up front). Emails go out after the commit, and a failed email never
undoes a registration.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from events.models import AttendanceMode, EventIndexPage, EventPage, EventRegistration, EventType
from hub.i18n import localized
from hub.models import Partner
from hub.seo import json_ld

logger = logging.getLogger(__name__)

Status = EventRegistration.Status
EVENTS_PER_PAGE = 12
REMINDERS = {
    # kind: (field, how long before the start it becomes due, until when)
    "reminder_24h": ("reminder_24h_sent_at", timedelta(hours=24), timedelta(hours=1)),
    "reminder_1h": ("reminder_1h_sent_at", timedelta(hours=1), timedelta(0)),
}


class RegistrationError(Exception):
    """A registration the rules refuse; ``field`` names the form field it belongs to."""

    def __init__(self, code, message, field=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


# --- Listings -------------------------------------------------------------------
def event_listing(index_page, params, now=None):
    """Upcoming events (soonest first) then past ones (newest first), filtered and paged.

    ``params`` is the query string; an unknown type is ignored and reported.
    """
    now = now or timezone.now()
    events = EventPage.objects.live().child_of(index_page).filter(locale_id=index_page.locale_id)
    event_type = params.get("type", "")
    ignored = []
    if event_type and event_type not in EventType.values:
        ignored.append(event_type)
        event_type = ""
    if event_type:
        events = events.filter(event_type=event_type)
    events = events.annotate(
        is_past=Case(
            When(end__lte=now, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    ).order_by(
        "is_past",
        Case(When(end__gt=now, then=F("start"))).asc(nulls_last=True),
        F("start").desc(),
    )
    paginator = Paginator(events, EVENTS_PER_PAGE)
    page_obj = paginator.get_page(params.get("page"))
    items = list(page_obj.object_list)
    return {
        "upcoming_events": [event for event in items if not event.is_past],
        "past_events": [event for event in items if event.is_past],
        "page_obj": page_obj,
        "event_types": EventType.choices,
        "selected_type": event_type,
        "ignored_filters": ignored,
    }


def upcoming_events(locale=None, limit=None, now=None):
    """Live events that have not ended yet, soonest first, in one locale (or all)."""
    now = now or timezone.now()
    events = EventPage.objects.live().filter(end__gt=now).order_by("start")
    if locale is not None:
        events = events.filter(locale=locale)
    return events[:limit] if limit else events


def home_section_context(request, page):
    """The home page's "upcoming events" section: three events in the page's language."""
    events = list(upcoming_events(locale=page.locale_id, limit=3))
    if not events:
        return None
    index = EventIndexPage.objects.live().filter(locale_id=page.locale_id).first()
    return {"events": events, "index": index}


def event_details(page):
    """What an event page shows besides its own fields, in a fixed number of queries."""
    original = page.registration_event
    seats_taken = original.registrations.filter(status=Status.CONFIRMED).count()
    partner_ids = [host.partner_id for host in page.co_hosts.all()]
    partners = Partner.objects.in_bulk(partner_ids)
    co_hosts = localized(partners[pk] for pk in partner_ids if pk in partners)
    practice_ids = [item.practice_id for item in page.practices.all()]
    practice_pages = Page.objects.live().in_bulk(practice_ids)
    practices = localized(
        (practice_pages[pk] for pk in practice_ids if pk in practice_pages),
        queryset=Page.objects.live(),
    )
    capacity = original.capacity
    return {
        "original_event": original,
        "seats_taken": seats_taken,
        "seats_left": None if capacity is None else max(capacity - seats_taken, 0),
        "is_full": capacity is not None and seats_taken >= capacity,
        "closed_reason": original.registration_closed_reason(),
        "has_ended": page.has_ended(),
        "co_hosts_list": co_hosts,
        "practices_list": practices,
    }


ATTENDANCE_MODES = {
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def structured_data(page, request, co_hosts):
    """schema.org ``Event`` as JSON-LD, safe inside a script element.

    The address is the page's, never the online link: that is for registrants.
    """
    url = page.get_full_url(request)  # on the Site's root URL, as the canonical link
    locations = []
    if page.is_in_person:
        address = ", ".join(p for p in (page.venue_address, page.city) if p)
        locations.append({"@type": "Place", "name": page.venue_name, "address": address})
    if page.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": page.local_start.isoformat(),
        "endDate": page.local_end.isoformat(),
        "eventAttendanceMode": ATTENDANCE_MODES[page.attendance_mode],
        "eventStatus": "https://schema.org/EventScheduled",
        "url": url,
        "inLanguage": page.locale.language_code,
        "location": locations[0] if len(locations) == 1 else locations,
    }
    if co_hosts:
        data["organizer"] = [
            {"@type": "Organization", "name": p.name, **({"url": p.url} if p.url else {})}
            for p in co_hosts
        ]
    return json_ld(data)


# --- Registration ---------------------------------------------------------------
def _lock_event(event_id):
    """Lock the event's own row until the transaction ends (a no-op on SQLite)."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def _on_commit_email(registration_id, kind):
    from events.emails import send_after_commit

    send_after_commit(registration_id, kind)


def register_for_event(
    event,
    *,
    name,
    email,
    organisation,
    role,
    country,
    needs="",
    consent=True,
    language="en",
    now=None,
):
    """Register a person: a seat if one is free, else the waiting list, else refuse.

    Raises ``RegistrationError`` when registration is closed, the event is full
    without a waiting list, or the email already holds an active registration.
    """
    now = now or timezone.now()
    email = email.strip().lower()
    original_id = event.registration_event.pk
    try:
        with transaction.atomic():
            locked = _lock_event(original_id)
            reason = locked.registration_closed_reason(now)
            if reason:
                raise RegistrationError("closed", reason)
            active = locked.registrations.filter(status__in=EventRegistration.ACTIVE)
            if active.filter(email=email).exists():
                raise RegistrationError(
                    "duplicate",
                    _("This email address is already registered for this event."),
                    field="email",
                )
            taken = active.filter(status=Status.CONFIRMED).count()
            if locked.capacity is None or taken < locked.capacity:
                status = Status.CONFIRMED
            elif locked.waiting_list_enabled:
                status = Status.WAITLISTED
            else:
                raise RegistrationError("full", _("Sorry, this event is full."))
            registration = EventRegistration.objects.create(
                event=locked,
                name=name.strip(),
                email=email,
                organisation=organisation.strip(),
                role=role.strip(),
                country=country,
                needs=needs.strip(),
                consent=consent,
                language=language,
                status=status,
                confirmed_at=now if status == Status.CONFIRMED else None,
            )
            kind = "confirmation" if status == Status.CONFIRMED else "waitlisted"
            _on_commit_email(registration.pk, kind)
    except IntegrityError:
        # The unique constraint caught a duplicate that slipped past the check.
        raise RegistrationError(
            "duplicate",
            _("This email address is already registered for this event."),
            field="email",
        ) from None
    logger.info("registration %s for event %s: %s", registration.pk, original_id, status)
    return registration


def _promote(event, now):
    """Give freed seats to the waiting list, first come first served. The caller holds the lock."""
    if not event.waiting_list_enabled and event.capacity is not None:
        return []
    taken = event.registrations.filter(status=Status.CONFIRMED).count()
    waiting = event.registrations.filter(status=Status.WAITLISTED).order_by("created_at", "id")
    if event.capacity is not None:
        waiting = waiting[: max(event.capacity - taken, 0)]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _on_commit_email(registration.pk, "promoted")
    return promoted


def cancel_registration(registration, *, by=EventRegistration.CancelledBy.REGISTRANT, now=None):
    """Cancel a registration; a freed seat goes to the first person waiting, who is emailed.

    Returns the people promoted. Cancelling twice changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        current = EventRegistration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return []
        was_confirmed = current.status == Status.CONFIRMED
        current.status = Status.CANCELLED
        current.cancelled_at = now
        current.cancelled_by = by
        current.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
        _on_commit_email(current.pk, "cancelled")
        promoted = _promote(event, now) if was_confirmed else []
    registration.status = current.status
    logger.info("registration %s cancelled by %s; promoted %s", current.pk, by, len(promoted))
    return promoted


def fill_free_seats(event, now=None):
    """Promote waiting people after seats were added (e.g. an editor raised the capacity)."""
    with transaction.atomic():
        locked = _lock_event(event.registration_event.pk)
        return _promote(locked, now or timezone.now())


def registration_for_token(page, token, now=None):
    """The registration behind a manage link, or None if the token is unknown or expired.

    A link expires when the event ends; it only works on the event it was made for.
    """
    now = now or timezone.now()
    if not token or len(token) > 64:
        return None
    registration = (
        EventRegistration.objects.filter(
            token=token, event_id=page.registration_event.pk, anonymised_at__isnull=True
        )
        .select_related("event")
        .first()
    )
    if registration is None or registration.event.end <= now:
        return None
    return registration


def waiting_list_position(registration):
    """1 for the first person waiting; None for anyone not on the waiting list."""
    if registration.status != Status.WAITLISTED:
        return None
    return (
        EventRegistration.objects.filter(event_id=registration.event_id, status=Status.WAITLISTED)
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, id__lt=registration.id)
        )
        .count()
        + 1
    )


def registration_counts(events):
    """For each event id: confirmed, waitlisted and cancelled counts, in one query."""
    rows = (
        EventRegistration.objects.filter(event__in=events)
        .values("event_id")
        .annotate(
            confirmed=Count("id", filter=Q(status=Status.CONFIRMED)),
            waitlisted=Count("id", filter=Q(status=Status.WAITLISTED)),
            cancelled=Count("id", filter=Q(status=Status.CANCELLED)),
        )
    )
    return {row["event_id"]: row for row in rows}


# --- Reminders and retention ----------------------------------------------------
@dataclass
class ReminderRun:
    sent: int = 0
    failed: int = 0


def send_due_reminders(now=None):
    """Send the 24-hour and 1-hour reminders that are due, each once per registrant.

    A reminder is claimed with a conditional UPDATE before it is sent, so two
    runs at the same time never send it twice; a failed send releases the claim
    and the next run tries again.
    """
    from events.emails import deliver

    now = now or timezone.now()
    run = ReminderRun()
    for kind, (field, before, until) in REMINDERS.items():
        due = EventRegistration.objects.filter(
            status=Status.CONFIRMED,
            anonymised_at__isnull=True,
            event__start__lte=now + before,
            event__start__gt=now + until,
            **{f"{field}__isnull": True},
        ).values_list("pk", flat=True)
        for pk in list(due):
            claimed = EventRegistration.objects.filter(
                pk=pk, status=Status.CONFIRMED, **{f"{field}__isnull": True}
            ).update(**{field: now})
            if not claimed:
                continue
            if deliver(pk, kind):
                run.sent += 1
            else:
                EventRegistration.objects.filter(pk=pk).update(**{field: None})
                run.failed += 1
    return run


def purge_registration_data(days=None, now=None):
    """Delete the personal data of registrations ``days`` after their event ended.

    The rows stay (with status and country) so that counts per event survive.
    Returns how many registrations were anonymised.
    """
    days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
    now = now or timezone.now()
    with transaction.atomic():
        return EventRegistration.objects.filter(
            event__end__lte=now - timedelta(days=days), anonymised_at__isnull=True
        ).update(
            name="",
            email="",
            organisation="",
            role="",
            needs="",
            # The manage link stops working; the token stays unique.
            token=Concat(Value("purged-"), Cast("id", CharField()), output_field=CharField()),
            anonymised_at=now,
        )
