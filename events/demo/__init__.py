"""Demo events: the four 2022 events from the seeds and upcoming sessions with registrations.

The events are in ``events.yaml`` and the made-up people in ``people.yaml``
beside this file. Idempotent: an event whose slug exists is left alone.
Upcoming dates are relative to the day the demo is built, at fixed local
hours in each zone.
"""

import datetime
import secrets
import zoneinfo

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import GroupPagePermission, Locale

from events.models import (
    AttendanceMode,
    EventCoHost,
    EventIndexPage,
    EventPage,
    EventRegistration,
    EventType,
)
from hub.demo import ensure_user
from hub.models import Partner
from hub.roles import PAGE_PERMISSIONS
from hub.seeding import (
    load,
    other_languages,
    paragraphs,
    publish_child,
    record_translations,
    translate_missing,
)

# Registrations open this long before an event and arrive every few hours.
REGISTRATIONS_OPEN = datetime.timedelta(days=40)
REGISTRATION_INTERVAL = datetime.timedelta(hours=3)
# Cancelled registrations were cancelled this long after they were made.
CANCELLED_AFTER = datetime.timedelta(days=2)


def _at(when, zone, today):
    """The aware datetime of a ``{date | days, time}`` spec in ``zone``."""
    date = when["date"] if "date" in when else today + datetime.timedelta(days=when["days"])
    return datetime.datetime.combine(
        date, datetime.time.fromisoformat(when["time"]), zoneinfo.ZoneInfo(zone)
    )


def _name(rng, people):
    return f"{rng.choice(people['first_names'])} {rng.choice(people['last_names'])}"


def _speakers(rng, people):
    """The speaker blocks of one event, named at random."""
    # Organisations are drawn before names, as the generator's sequence is part of the demo.
    panel = [
        (speaker["role"], speaker.get("organisation") or rng.choice(people["organisations"]))
        for speaker in people["speakers"]
    ]
    return [
        ("speaker", {"name": _name(rng, people), "role": role, "organisation": organisation})
        for role, organisation in panel
    ]


def _registrations(ctx, event, people, *, confirmed, waitlisted, cancelled):
    rng = ctx.random
    Status = EventRegistration.Status
    base = event.start - REGISTRATIONS_OPEN
    statuses = [Status.CONFIRMED] * confirmed + [Status.WAITLISTED] * waitlisted
    statuses += [Status.CANCELLED] * cancelled
    rows = []
    for i, status in enumerate(statuses):
        first, last = rng.choice(people["first_names"]), rng.choice(people["last_names"])
        created = base + i * REGISTRATION_INTERVAL
        is_cancelled = status == Status.CANCELLED
        rows.append(
            EventRegistration(
                event=event,
                name=f"{first} {last}",
                # ASCII only ("garcia", not "garcía"): the mail library refuses the others.
                email=f"{slugify(first)}.{slugify(last)}.{event.pk}.{i}@example.org",
                organisation=rng.choice(people["organisations"]),
                role=rng.choice(people["roles"]),
                country=rng.choice(people["countries"]),
                consent=True,
                language=rng.choice(people["languages"]),
                status=status,
                token=secrets.token_urlsafe(32),
                confirmed_at=created if status == Status.CONFIRMED else None,
                cancelled_at=created + CANCELLED_AFTER if is_cancelled else None,
                cancelled_by="registrant" if is_cancelled else "",
            )
        )
    created_rows = EventRegistration.objects.bulk_create(rows)
    # auto_now_add ignores given values: spread the registration times for realistic listings.
    for i, row in enumerate(created_rows):
        row.created_at = base + i * REGISTRATION_INTERVAL
    EventRegistration.objects.bulk_update(created_rows, ["created_at"])


def _ensure_partners(data):
    """The co-hosts missing from the site's partners; every partner by short name."""
    locale = Locale.get_default()
    for partner in data:
        Partner.objects.get_or_create(
            short_name=partner["short_name"],
            locale=locale,
            defaults={key: value for key, value in partner.items() if key != "short_name"},
        )
    return {p.short_name: p for p in Partner.objects.filter(locale=locale)}


def _create_event(ctx, index, spec, partners, people, today):
    zone = spec["time_zone"]
    event = EventPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        body=paragraphs(spec["body"]),
        event_type=EventType(spec["event_type"]),
        time_zone=zone,
        start=_at(spec["start"], zone, today),
        end=_at(spec["end"], zone, today),
        attendance_mode=AttendanceMode(spec["attendance_mode"]),
        venue_name=spec.get("venue_name", ""),
        venue_address=spec.get("venue_address", ""),
        city=spec.get("city", ""),
        online_link=spec.get("online_link", ""),
        capacity=spec["capacity"],
        waiting_list_enabled=True,
        recording_url=spec.get("recording_url", ""),
        agenda=[
            ("item", {"time": item["time"], "title": item["title"], "description": ""})
            for item in spec.get("agenda", [])
        ],
        speakers=_speakers(ctx.random, people),
    )
    event.co_hosts = [
        EventCoHost(partner=partners[short], sort_order=i)
        for i, short in enumerate(spec["co_hosts"])
        if short in partners
    ]
    publish_child(index, event)
    _registrations(ctx, event, people, **spec["registrations"])
    translate_missing(ctx, event, {code: {} for code in other_languages()})
    ctx.log(f"event: {event.title[:60]}")


def _grant_page_permissions(index, group_names):
    """Let these groups edit and publish the events under ``index``."""
    for name in group_names:
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )


@transaction.atomic
def seed(ctx):
    """The events index (in the main menu), the 2022 events, upcoming sessions, a manager login."""
    data, people = load("events", "events"), load("events", "people")
    home = ctx.home
    spec = data["index"]
    index = EventIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = publish_child(
            home,
            EventIndexPage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                intro=spec["intro"],
                show_in_menus=True,
            ),
        )
        ctx.log("events index")
    translate_missing(ctx, index, record_translations(spec))
    partners = _ensure_partners(data["partners"])
    existing = set(index.get_children().values_list("slug", flat=True))
    today = timezone.now().date()
    for event in [*data["past"], *data["upcoming"]]:
        if event["slug"] not in existing:
            _create_event(ctx, index, event, partners, people, today)
    manager = people["manager"]
    _grant_page_permissions(index, manager["groups"])
    ensure_user(ctx, **manager)
