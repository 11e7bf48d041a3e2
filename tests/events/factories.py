"""Factories for events and registrations."""

from datetime import timedelta

import factory
import wagtail_factories

from django.utils import timezone

from events.models import AttendanceMode, EventIndexPage, EventPage, EventRegistration, EventType


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"
    intro = "<p>Peer-learning sessions for local governments.</p>"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An online session ten days ahead, 20 seats, waiting list on."""

    title = factory.Sequence(lambda n: f"Peer-learning session {n}")
    slug = factory.Sequence(lambda n: f"peer-learning-session-{n}")
    summary = "Cities share what works."
    event_type = EventType.PEER_LEARNING
    time_zone = "Europe/Brussels"
    start = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    )
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=1))
    attendance_mode = AttendanceMode.ONLINE
    online_link = "https://meet.example.org/secret-room-42"
    capacity = 20
    waiting_list_enabled = True
    registration_open = True

    class Meta:
        model = EventPage


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Registrant {n}")
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    organisation = "City of Example"
    role = "Migration officer"
    country = "KE"
    consent = True
    status = EventRegistration.Status.CONFIRMED

    class Meta:
        model = EventRegistration
