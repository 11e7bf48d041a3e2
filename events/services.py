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
from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from events.models import AttendanceMode, EventIndexPage, EventPage, EventRegistration, EventType
from hub.fragments import cached
from hub.i18n import localized
from hub.models import Partner
from hub.seo import json_ld
from hub.visibility import public_pages

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
    events = public_pages(EventPage.objects).child_of(index_page)
    events = events.filter(locale_id=index_page.locale_id)
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
    events = public_pages(EventPage.objects).filter(end__gt=now).order_by("start")
    if locale is not None:
        events = events.filter(locale=locale)
    return events[:limit] if limit else events


def home_section_context(request, page):
    """The home page's "upcoming events" section: three events in the page's language."""
    events = list(upcoming_events(locale=page.locale_id, limit=3))
    if not events:
        return None
    index = public_pages(EventIndexPage.objects).filter(locale_id=page.locale_id).first()
    return {"events": events, "index": index}


def home_section_expires(context):
    """The home section is right until the first event it shows ends (then it drops off)."""
    return min(event.end for event in context["events"])


def _event_links(page):
    """The event's original (which holds the seats), co-hosts and practices; changes only
    when content is published."""
    original = page.registration_event
    partner_ids = [host.partner_id for host in page.co_hosts.all()]
    partners = Partner.objects.in_bulk(partner_ids)
    co_hosts = localized(partners[pk] for pk in partner_ids if pk in partners)
    practice_ids = [item.practice_id for item in page.practices.all()]
    practice_pages = public_pages(Page.objects).in_bulk(practice_ids)
    practices = localized(
        (practice_pages[pk] for pk in practice_ids if pk in practice_pages),
        queryset=public_pages(Page.objects),
    )
    return {"original_event": original, "co_hosts_list": co_hosts, "practices_list": practices}


def event_details(page, request=None):
    """What an event page shows besides its own fields, in a fixed number of queries.

    With ``request``, everything but the seats (counted live) is cached for the
    current content generation: one query on a warm cache.
    """
    links = cached(request, f"event-links:{page.pk}", partial(_event_links, page))
    original = links["original_event"]
    page._registration_event = original
    seats_taken = original.registrations.filter(status=Status.CONFIRMED).count()
    capacity = original.capacity
    return {
        "original_event": original,
        "seats_taken": seats_taken,
        "seats_left": None if capacity is None else max(capacity - seats_taken, 0),
        "is_full": capacity is not None and seats_taken >= capacity,
        "closed_reason": original.registration_closed_reason(),
        "has_ended": page.has_ended(),
        "co_hosts_list": links["co_hosts_list"],
        "practices_list": links["practices_list"],
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


@dataclass
class Submission:
    """What a registration form led to.

    ``registration`` is the new registration: unconfirmed (it waits for its
    emailed link), or confirmed or waitlisted when the event asks for no
    confirmation. It is None when the address already held an active
    registration: that person was emailed their own link instead, and the
    visitor is told the same as anyone else ("check your inbox").
    """

    email: str
    registration: EventRegistration | None = None

    @property
    def already_registered(self):
        return self.registration is None

    @property
    def needs_confirmation(self):
        return self.registration is not None and self.registration.status == Status.UNCONFIRMED


def _allocate(locked):
    """The status a registration gets now: a seat, else the waiting list, else refused.

    The caller holds the event's lock.
    """
    taken = locked.registrations.filter(status=Status.CONFIRMED).count()
    if locked.capacity is None or taken < locked.capacity:
        return Status.CONFIRMED
    if locked.waiting_list_enabled:
        return Status.WAITLISTED
    raise RegistrationError("full", _("Sorry, this event is full."))


def _is_full_for_good(locked):
    """Full with no waiting list: nobody can get in, confirmed or not."""
    if locked.capacity is None or locked.waiting_list_enabled:
        return False
    return locked.registrations.filter(status=Status.CONFIRMED).count() >= locked.capacity


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
    """Take a registration request; returns a ``Submission``.

    When the event asks registrants to confirm their address (the default), the
    registration is stored unconfirmed, holds no seat, and an email with a
    confirmation link goes out; ``confirm_registration`` allocates the seat.
    Otherwise it gets a seat if one is free, else a place on the waiting list.
    An address that already holds an active registration gets an email with its
    own link and nothing is stored. Raises ``RegistrationError`` when
    registration is closed or the event is full without a waiting list.
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
            existing = (
                locked.registrations.filter(status__in=EventRegistration.ACTIVE, email=email)
                .only("pk")
                .first()
            )
            if existing is not None:
                _on_commit_email(existing.pk, "already_registered")
                logger.info("registration request for event %s: already registered", original_id)
                return Submission(email=email)
            if locked.confirm_email:
                if _is_full_for_good(locked):
                    raise RegistrationError("full", _("Sorry, this event is full."))
                status = Status.UNCONFIRMED
            else:
                status = _allocate(locked)
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
            _on_commit_email(registration.pk, EMAIL_FOR_STATUS[status])
    except IntegrityError:
        # The unique constraint caught a duplicate that slipped past the check:
        # that person is registered, and is told so by email like any duplicate.
        existing = EventRegistration.objects.filter(
            event_id=original_id, status__in=EventRegistration.ACTIVE, email=email
        ).first()
        if existing is not None:
            with transaction.atomic():
                _on_commit_email(existing.pk, "already_registered")
        return Submission(email=email)
    logger.info("registration %s for event %s: %s", registration.pk, original_id, status)
    return Submission(email=email, registration=registration)


# The first email of a registration, by the status it starts with.
EMAIL_FOR_STATUS = {
    Status.UNCONFIRMED: "confirm_email",
    Status.CONFIRMED: "confirmation",
    Status.WAITLISTED: "waitlisted",
}


def confirmation_expires_at(registration):
    """When the confirmation link of an unconfirmed registration stops working."""
    return registration.created_at + timedelta(hours=settings.EMAIL_CONFIRMATION_HOURS)


def confirmation_expired(registration, now=None):
    return confirmation_expires_at(registration) <= (now or timezone.now())


def registration_for_confirmation(page, token):
    """The registration behind a confirmation link (any status), or None if there is none.

    The link works only on the event it was made for; whether it is still
    valid is for the caller to ask (``confirmation_expired``, the status).
    """
    if not token or len(token) > 64:
        return None
    return (
        EventRegistration.objects.filter(
            token=token, event_id=page.registration_event.pk, anonymised_at__isnull=True
        )
        .select_related("event")
        .first()
    )


def confirm_registration(registration, now=None):
    """The address is confirmed: allocate as a new registration would, under the event's lock.

    A seat if one is free, else the waiting list, else ``RegistrationError``
    ("full"); also "closed" when registration has closed since, and "expired"
    once ``settings.EMAIL_CONFIRMATION_HOURS`` have passed (it held nothing, so
    nothing is freed). Returns the registration that now stands: this one, or
    the same address's active registration if one was confirmed meanwhile
    (this request is then dropped). Opening a link twice changes nothing.
    """
    with transaction.atomic():
        locked = _lock_event(registration.event_id)
        current = EventRegistration.objects.select_for_update().filter(pk=registration.pk).first()
        if current is None:  # expired and deleted meanwhile
            raise RegistrationError("expired", _("This confirmation link has expired."))
        if current.status != Status.UNCONFIRMED:
            return current
        # Taken under the lock: the order of confirmations is the order of the line.
        now = now or timezone.now()
        if confirmation_expired(current, now):
            raise RegistrationError("expired", _("This confirmation link has expired."))
        reason = locked.registration_closed_reason(now)
        if reason:
            raise RegistrationError("closed", reason)
        existing = locked.registrations.filter(
            status__in=EventRegistration.ACTIVE, email=current.email
        ).first()
        if existing is not None:
            current.delete()
            return existing
        current.status = _allocate(locked)
        # Registered (and in line) from the moment the address was confirmed.
        current.created_at = now
        current.confirmed_at = now if current.status == Status.CONFIRMED else None
        current.save(update_fields=["status", "created_at", "confirmed_at", "updated_at"])
        # Other requests for the same address (a lost first link) are done with.
        locked.registrations.filter(status=Status.UNCONFIRMED, email=current.email).exclude(
            pk=current.pk
        ).delete()
        _on_commit_email(current.pk, EMAIL_FOR_STATUS[current.status])
    logger.info("registration %s for event %s confirmed: %s", current.pk, locked.pk, current.status)
    return current


def expire_unconfirmed_registrations(now=None):
    """Delete registrations whose address was not confirmed in time; returns how many.

    They held no seat and no place in line, so nothing is freed or promoted.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.EMAIL_CONFIRMATION_HOURS)
    _total, by_model = EventRegistration.objects.filter(
        status=Status.UNCONFIRMED, created_at__lte=cutoff
    ).delete()
    return by_model.get(EventRegistration._meta.label, 0)


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

    The rows stay (with status and country) so that counts per event survive;
    the admin's log entries about them are relabelled and emptied too (older
    entries may name the person). Returns how many registrations were anonymised.
    """
    days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
    now = now or timezone.now()
    with transaction.atomic():
        due = EventRegistration.objects.filter(
            event__end__lte=now - timedelta(days=days), anonymised_at__isnull=True
        )
        ids = list(due.values_list("pk", flat=True))
        count = EventRegistration.objects.filter(pk__in=ids).update(
            name="",
            email="",
            organisation="",
            role="",
            needs="",
            # The manage link stops working; the token stays unique.
            token=Concat(Value("purged-"), Cast("id", CharField()), output_field=CharField()),
            anonymised_at=now,
        )
        scrub_log_entries(ids)
    return count


def scrub_log_entries(registration_ids):
    """Relabel the admin log entries of these registrations and drop their data.

    Wagtail records a label (the object's name when it was logged) and
    sometimes changed values; for registrations that could be a name or an
    email. Afterwards each entry reads "Registration #<id> for <event>".
    """
    from django.contrib.contenttypes.models import ContentType
    from django.utils import translation

    from wagtail.models import ModelLogEntry

    from events.models.registrations import log_label

    if not registration_ids:
        return 0
    content_type = ContentType.objects.get_for_model(EventRegistration)
    titles = dict(
        EventRegistration.objects.filter(pk__in=registration_ids).values_list("pk", "event__title")
    )
    changed = 0
    entries = ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in registration_ids]
    ).only("pk", "object_id", "label", "data")
    with translation.override(settings.LANGUAGE_CODE):
        for entry in entries.iterator():
            pk = int(entry.object_id)
            label = str(log_label(pk, titles.get(pk, "")))
            if entry.label != label or entry.data:
                ModelLogEntry.objects.filter(pk=entry.pk).update(label=label, data={})
                changed += 1
    return changed
