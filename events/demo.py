"""Demo events: the four 2022 events from the seeds and upcoming sessions with registrations.

Idempotent: an event whose slug exists is left alone. Upcoming dates are
relative to the day the demo is built, at fixed local hours in each zone.
"""

import datetime
import secrets
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

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
from hub.localization import translate
from hub.models import Partner
from hub.roles import PAGE_PERMISSIONS

INDEX = {
    "title": "Events",
    "summary": (
        "Peer-learning sessions, briefings and workshops for local and regional governments."
    ),
    "intro": (
        "<p>Join peer-learning sessions, briefings, workshops and side events where local and "
        "regional governments share what works for migrants and refugees.</p>"
    ),
}
INDEX_TRANSLATIONS = {
    "fr": {"Events": "Événements"},
    "es": {"Events": "Eventos"},
    "ar": {"Events": "الفعاليات"},
}

BMZ = (
    "German Federal Ministry for Economic Cooperation and Development",
    "BMZ",
    "https://www.bmz.de/en",
)


def _at(zone, date, hour, minute=0):
    return datetime.datetime.combine(date, datetime.time(hour, minute), zoneinfo.ZoneInfo(zone))


def _paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _past_events():
    """The four events of the seed texts, all in 2022."""
    return [
        {
            "slug": "imrf-side-event-localizing-the-global-compacts",
            "title": (
                "IMRF Side Event: Localizing the Global Compacts with a Call to Local Action "
                "for Migrants and Refugees"
            ),
            "summary": (
                "This IMRF Side-Event will formally launch the Call to Local Action for Migrants "
                "and Refugees."
            ),
            "body": _paragraphs(
                "This IMRF Side-Event will formally launch the Call to Local Action for Migrants "
                "and Refugees, and will be co-hosted by the GFMD Mayors Mechanism partners, "
                "together with the German Ministry of Economic Cooperation and Development and "
                "UNHCR.",
                "Local and regional governments are coming to the IMRF showing how local "
                "governments concretely spearhead ambitious, people-centered, and inclusive "
                "action on migration and displacement.",
            ),
            "event_type": EventType.IMRF_SIDE_EVENT,
            "zone": "America/New_York",
            "start": (datetime.date(2022, 5, 18), 13, 15),
            "end": (datetime.date(2022, 5, 18), 14, 30),
            "attendance_mode": AttendanceMode.HYBRID,
            "venue_name": "United Nations Headquarters",
            "venue_address": "405 East 42nd Street",
            "city": "New York, United States",
            "online_link": "https://meet.example.org/imrf-side-event",
            "co_hosts": ["MMC", "UCLG", "IOM", "UNHCR", "BMZ"],
            "capacity": 120,
            "registrations": (96, 0, 14),
            "recording_url": "https://video.example.org/imrf-side-event-2022",
        },
        {
            "slug": "briefing-session-on-the-imrf",
            "title": "Briefing Session on the IMRF",
            "summary": (
                "A briefing session for local and regional governments on the International "
                "Migration Review Forum (IMRF)."
            ),
            "body": _paragraphs(
                "The Mayors Mechanism invites you to a briefing session for local and regional "
                "governments on the International Migration Review Forum (IMRF) to be held on "
                "Wednesday 13 April 15:00-16:00 (CEST)."
            ),
            "event_type": EventType.BRIEFING,
            "zone": "Europe/Brussels",
            "start": (datetime.date(2022, 4, 13), 15, 0),
            "end": (datetime.date(2022, 4, 13), 16, 0),
            "attendance_mode": AttendanceMode.ONLINE,
            "online_link": "https://meet.example.org/imrf-briefing",
            "co_hosts": ["GFMD MM"],
            "capacity": None,
            "registrations": (64, 0, 9),
        },
        {
            "slug": "africities-workshop-intermediary-cities",
            "title": (
                "Multi-stakeholder Partnerships – African intermediary cities as actors and "
                "partners in urban migration governance"
            ),
            "summary": (
                "The Equal Partnerships project holds a city migration workshop at the 9th "
                "Africities Summit."
            ),
            "body": _paragraphs(
                "The Equal Partnerships project holds a city migration workshop at the 9th "
                "Africities Summit where the Mayors Mechanism Call to Local Action will be "
                "discussed."
            ),
            "event_type": EventType.WORKSHOP,
            "zone": "Africa/Nairobi",
            "start": (datetime.date(2022, 5, 19), 14, 0),
            "end": (datetime.date(2022, 5, 19), 17, 0),
            "attendance_mode": AttendanceMode.IN_PERSON,
            "venue_name": "9th Africities Summit",
            "venue_address": "Jomo Kenyatta International Stadium",
            "city": "Kisumu, Kenya",
            "co_hosts": ["UCLG", "IOM"],
            "capacity": 60,
            "registrations": (52, 0, 6),
        },
        {
            "slug": "migration-displacement-contexts-of-crisis",
            "title": (
                "Migration & Displacement in Contexts of Crisis: What are LRGs doing to save and "
                "protect lives?"
            ),
            "summary": (
                "A peer-learning event on the realities, initiatives and challenges of local and "
                "regional governments in crises."
            ),
            "body": _paragraphs(
                "This Peer Learning event will gather MM members, international partners and "
                "other local actors to discuss and identify the realities, initiatives and "
                "challenges of local and regional governments to preserve the life and dignity "
                "of all people unconditionally."
            ),
            "event_type": EventType.PEER_LEARNING,
            "zone": "Europe/Brussels",
            "start": (datetime.date(2022, 11, 24), 14, 0),
            "end": (datetime.date(2022, 11, 24), 15, 30),
            "attendance_mode": AttendanceMode.ONLINE,
            "online_link": "https://meet.example.org/crisis-peer-learning",
            "co_hosts": ["MMC", "UCLG", "IOM"],
            "capacity": 80,
            "registrations": (71, 0, 12),
            "recording_url": "https://video.example.org/crisis-peer-learning-2022",
        },
    ]


def _upcoming_events(today):
    """At least four sessions ahead, in different zones and formats; one nearly full, one full."""

    def day(n):
        return today + datetime.timedelta(days=n)

    return [
        {
            "slug": "webinar-access-to-services-peer-exchange",
            "title": "Access to services for all: a peer exchange between cities",
            "summary": (
                "How cities open health, education and housing services to migrants and refugees."
            ),
            "body": _paragraphs(
                "Cities from Latin America and Europe share how they opened their services to "
                "everyone, whatever their status, and what it took to get there."
            ),
            "event_type": EventType.WEBINAR,
            "zone": "America/Bogota",
            "start": (day(9), 9, 0),
            "end": (day(9), 10, 30),
            "attendance_mode": AttendanceMode.ONLINE,
            "online_link": "https://meet.example.org/access-to-services",
            "co_hosts": ["MMC", "IOM"],
            "capacity": 150,
            "registrations": (37, 0, 2),
            "agenda": [
                ("09:00–09:10", "Welcome and introduction"),
                ("09:10–10:00", "Three cities, three approaches"),
                ("10:00–10:30", "Questions and discussion"),
            ],
        },
        {
            "slug": "workshop-employment-entrepreneurship-marrakech",
            "title": "Workshop: employment and entrepreneurship for migrants and refugees",
            "summary": (
                "A hands-on workshop on local programmes "
                "that open jobs and businesses to newcomers."
            ),
            "body": _paragraphs(
                "Local and regional governments work in small groups on programmes for skills "
                "recognition, mentoring and access to credit, with the partners who run them."
            ),
            "event_type": EventType.WORKSHOP,
            "zone": "Africa/Casablanca",
            "start": (day(16), 10, 0),
            "end": (day(16), 13, 0),
            "attendance_mode": AttendanceMode.IN_PERSON,
            "venue_name": "Palais des Congrès",
            "venue_address": "Avenue de France",
            "city": "Marrakech, Morocco",
            "co_hosts": ["UCLG", "UNHCR"],
            # Nearly full, with a waiting list ready.
            "capacity": 30,
            "registrations": (28, 0, 3),
        },
        {
            "slug": "peer-learning-climate-and-displacement",
            "title": "Peer-learning session: climate change and displacement in cities",
            "summary": (
                "Coastal and river cities compare how they plan for people displaced by disasters."
            ),
            "body": _paragraphs(
                "A hybrid session hosted in Manila, open online to every local government facing "
                "displacement linked to climate change and disasters."
            ),
            "event_type": EventType.PEER_LEARNING,
            "zone": "Asia/Manila",
            "start": (day(23), 16, 0),
            "end": (day(23), 18, 0),
            "attendance_mode": AttendanceMode.HYBRID,
            "venue_name": "Manila City Hall",
            "venue_address": "Padre Burgos Avenue",
            "city": "Manila, Philippines",
            "online_link": "https://meet.example.org/climate-displacement",
            "co_hosts": ["GFMD MM", "IOM"],
            "capacity": 60,
            "registrations": (19, 0, 1),
        },
        {
            "slug": "briefing-children-and-youth-on-the-move",
            "title": "Briefing: children and youth on the move",
            "summary": (
                "What local governments can do for unaccompanied children and young people."
            ),
            "body": _paragraphs(
                "A short online briefing on local child-protection and youth programmes, followed "
                "by questions."
            ),
            "event_type": EventType.BRIEFING,
            "zone": "Europe/Brussels",
            "start": (day(30), 15, 0),
            "end": (day(30), 16, 0),
            "attendance_mode": AttendanceMode.ONLINE,
            "online_link": "https://meet.example.org/children-youth",
            "co_hosts": ["UNHCR", "MMC"],
            # Full: new registrants join the waiting list.
            "capacity": 20,
            "registrations": (20, 3, 1),
        },
        {
            "slug": "mayors-summit-global-compacts-review",
            "title": "Mayors summit: four years of local action on the Global Compacts",
            "summary": (
                "Mayors and governors take stock of the "
                "Call to Local Action ahead of the next review."
            ),
            "body": _paragraphs(
                "Local leaders present the actions submitted to the Call and agree on their "
                "messages for the next International Migration Review Forum."
            ),
            "event_type": EventType.SUMMIT,
            "zone": "America/New_York",
            "start": (day(60), 9, 30),
            "end": (day(61), 17, 0),
            "attendance_mode": AttendanceMode.HYBRID,
            "venue_name": "Conference centre",
            "venue_address": "Midtown Manhattan",
            "city": "New York, United States",
            "online_link": "https://meet.example.org/mayors-summit",
            "co_hosts": ["GFMD MM", "MMC", "UCLG", "IOM", "UNHCR"],
            "capacity": None,
            "registrations": (12, 0, 0),
        },
    ]


FIRST_NAMES = [
    "Amina", "Carlos", "Fatima", "Hiroshi", "Ingrid", "Jean", "Kwame", "Leila", "Maria",
    "Nadia", "Omar", "Priya", "Rafael", "Sofia", "Tariq", "Ursula", "Valentina", "Yusuf",
]  # fmt: skip
LAST_NAMES = [
    "Abebe", "Benali", "Costa", "Dubois", "Eriksen", "Fernández", "García", "Haddad",
    "Ibrahim", "Kimani", "Lopez", "Mensah", "Nguyen", "Okafor", "Perez", "Rossi", "Santos",
]  # fmt: skip
ORGANISATIONS = [
    "City of Kisumu", "Municipality of Montevideo", "Region of Lombardy", "City of Amman",
    "Union of Municipalities", "City of Freetown", "Province of Quebec", "City of Bristol",
]  # fmt: skip
ROLES = ["Mayor", "Migration officer", "Policy adviser", "Head of social services", "Researcher"]
COUNTRIES = ["KE", "UY", "IT", "JO", "SL", "CA", "GB", "CO", "PH", "MA", "DE", "TR"]


def _registrations(ctx, event, confirmed, waitlisted, cancelled):
    rng = ctx.random
    rows = []
    base = event.start - datetime.timedelta(days=40)
    statuses = (
        [EventRegistration.Status.CONFIRMED] * confirmed
        + [EventRegistration.Status.WAITLISTED] * waitlisted
        + [EventRegistration.Status.CANCELLED] * cancelled
    )
    for i, status in enumerate(statuses):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        created = base + datetime.timedelta(hours=i * 3)
        rows.append(
            EventRegistration(
                event=event,
                name=f"{first} {last}",
                email=f"{first}.{last}.{event.pk}.{i}@example.org".lower(),
                organisation=rng.choice(ORGANISATIONS),
                role=rng.choice(ROLES),
                country=rng.choice(COUNTRIES),
                consent=True,
                language=rng.choice(["en", "en", "fr", "es", "ar"]),
                status=status,
                token=secrets.token_urlsafe(32),
                confirmed_at=created if status == EventRegistration.Status.CONFIRMED else None,
                cancelled_at=created + datetime.timedelta(days=2)
                if status == EventRegistration.Status.CANCELLED
                else None,
                cancelled_by="registrant" if status == EventRegistration.Status.CANCELLED else "",
            )
        )
    created_rows = EventRegistration.objects.bulk_create(rows)
    # auto_now_add ignores given values: spread the registration times for realistic listings.
    for i, row in enumerate(created_rows):
        row.created_at = base + datetime.timedelta(hours=i * 3)
    EventRegistration.objects.bulk_update(created_rows, ["created_at"])


def _ensure_partners():
    locale = Locale.get_default()
    name, short, url = BMZ
    Partner.objects.get_or_create(
        short_name=short,
        locale=locale,
        defaults={"name": name, "url": url, "show_in_footer": False, "sort_order": 50},
    )
    return {p.short_name: p for p in Partner.objects.filter(locale=locale)}


def _create_event(ctx, index, spec, partners):
    zone = spec["zone"]
    event = EventPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        body=spec["body"],
        event_type=spec["event_type"],
        time_zone=zone,
        start=_at(zone, *spec["start"]),
        end=_at(zone, *spec["end"]),
        attendance_mode=spec["attendance_mode"],
        venue_name=spec.get("venue_name", ""),
        venue_address=spec.get("venue_address", ""),
        city=spec.get("city", ""),
        online_link=spec.get("online_link", ""),
        capacity=spec["capacity"],
        waiting_list_enabled=True,
        recording_url=spec.get("recording_url", ""),
        agenda=[
            ("item", {"time": time, "title": title, "description": ""})
            for time, title in spec.get("agenda", [])
        ],
        speakers=[
            (
                "speaker",
                {
                    "name": f"{ctx.random.choice(FIRST_NAMES)} {ctx.random.choice(LAST_NAMES)}",
                    "role": role,
                    "organisation": org,
                },
            )
            for role, org in [
                ("Moderator", "Mayors Migration Council"),
                ("Mayor", ctx.random.choice(ORGANISATIONS)),
            ]
        ],  # fmt: skip
    )
    event.co_hosts = [
        EventCoHost(partner=partners[short], sort_order=i)
        for i, short in enumerate(spec["co_hosts"])
        if short in partners
    ]
    index.add_child(instance=event)
    event.save_revision().publish()
    _registrations(ctx, event, *spec["registrations"])
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            translate(event, code, {})
    ctx.log(f"event: {event.title[:60]}")


def _grant_event_managers(index):
    group = Group.objects.filter(name="Event managers").first()
    if group is None:
        return
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)


@transaction.atomic
def seed(ctx):
    """The events index (in the main menu), the 2022 events, upcoming sessions, a manager login."""
    home = ctx.home
    index = EventIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = EventIndexPage(
            title=INDEX["title"],
            slug="events",
            summary=INDEX["summary"],
            intro=INDEX["intro"],
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        ctx.log("events index")
    for code, strings in INDEX_TRANSLATIONS.items():
        if not index.has_translation(Locale.objects.get(language_code=code)):
            translate(index, code, strings)
    partners = _ensure_partners()
    existing = set(index.get_children().values_list("slug", flat=True))
    today = timezone.now().date()
    for spec in [*_past_events(), *_upcoming_events(today)]:
        if spec["slug"] not in existing:
            _create_event(ctx, index, spec, partners)
    _grant_event_managers(index)
    ensure_user(ctx, "eventmanager", groups=["Event managers"], last_name="Event manager")
