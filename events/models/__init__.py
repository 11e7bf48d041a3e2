"""Event pages and registrations, one module per domain, re-exported here."""

from events.models.pages import (
    AttendanceMode,
    EventCoHost,
    EventIndexPage,
    EventPage,
    EventPractice,
    EventType,
)
from events.models.registrations import EventRegistration

__all__ = [
    "AttendanceMode",
    "EventCoHost",
    "EventIndexPage",
    "EventPage",
    "EventPractice",
    "EventRegistration",
    "EventType",
]
