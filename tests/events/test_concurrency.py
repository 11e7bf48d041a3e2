"""Seats are never oversold: 200 people at once for 20 seats, through the real views.

A registration holds no seat until its email address is confirmed, so the race
is run twice: 200 people register at once (200 unconfirmed requests, no seat
taken), then the same 200 open their confirmation links at once and press the
button; the seats go to confirmations.

Real threads, each with its own database connection, against committed data
(a transactional test: ``TestCase`` would hide the race inside one
transaction). Runs on SQLite and on PostgreSQL (DATABASE_URL=postgres://...).
The test builds what it needs itself because transactional tests start from
(and leave) an emptied database; ``serialized_rollback`` restores the migrated
rows (locales, groups) for the tests that follow.

On SQLite the test database is normally in memory in "shared cache" mode,
which locks whole tables and ignores the busy timeout: not how the site runs.
So the test copies it into a file and runs there, as production does (WAL,
IMMEDIATE transactions, busy timeout from hub/settings/base.py).
"""

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client

from wagtail.models import Locale, Page, Site

from events.models import EventRegistration
from events.services import cancel_registration
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import HomePageFactory

Status = EventRegistration.Status
PEOPLE = 200
SEATS = 20


def _site():
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, slug="home", locale=Locale.get_default())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = EventIndexPageFactory(parent=home)
    return EventPageFactory(parent=index, capacity=SEATS, slug="popular", title="Popular")


@pytest.fixture
def database_like_production(tmp_path):
    """On SQLite, every connection (each thread's too) uses a file copy of the test database."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    path = tmp_path / "concurrency.sqlite3"
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    in_memory_settings = connections.settings["default"]
    in_memory = connections["default"]
    connections.settings["default"] = {**in_memory_settings, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = in_memory_settings
        connections["default"] = in_memory


def _in_parallel(task):
    """Run ``task(i)`` for everyone, 16 at a time; the first wave really hits at once."""
    start = threading.Barrier(16)

    def run(i):
        try:
            if i < 16:
                start.wait(timeout=30)
            return task(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(run, range(PEOPLE)))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_concurrent_confirmations_for_20_seats(database_like_production):
    event = _site()
    url = event.url + "register/"
    cache.clear()

    def register(i):
        client = Client(REMOTE_ADDR=f"10.0.{i // 250}.{i % 250 + 1}")
        response = client.post(
            url,
            {
                "name": f"Person {i}",
                "email": f"person{i}@example.org",
                "organisation": "City",
                "role": "Officer",
                "country": "KE",
                "consent": "on",
            },
        )
        return response.status_code

    assert _in_parallel(register) == [302] * PEOPLE  # no 5xx, no lock error
    registrations = EventRegistration.objects.filter(event=event)
    assert registrations.filter(status=Status.UNCONFIRMED).count() == PEOPLE
    assert not registrations.filter(status__in=EventRegistration.ACTIVE).exists()

    links = {
        r.email: event.url + f"registration/{r.token}/confirm/"
        for r in registrations.filter(status=Status.UNCONFIRMED)
    }

    def confirm(i):
        return Client().post(links[f"person{i}@example.org"]).status_code

    assert _in_parallel(confirm) == [302] * PEOPLE
    assert registrations.filter(status=Status.CONFIRMED).count() == SEATS
    assert registrations.filter(status=Status.WAITLISTED).count() == PEOPLE - SEATS
    assert not registrations.filter(status=Status.UNCONFIRMED).exists()
    assert registrations.values("email").distinct().count() == PEOPLE

    # Five confirmed people cancel: exactly the first five waiting move up, in order.
    waiting = list(registrations.filter(status=Status.WAITLISTED).order_by("created_at", "id"))
    confirmed = list(registrations.filter(status=Status.CONFIRMED)[:5])
    promoted = []
    for registration in confirmed:
        promoted += cancel_registration(registration)
    assert [r.pk for r in promoted] == [r.pk for r in waiting[:5]]
    assert registrations.filter(status=Status.CONFIRMED).count() == SEATS
    assert registrations.filter(status=Status.WAITLISTED).count() == PEOPLE - SEATS - 5
    assert set(
        registrations.filter(
            status=Status.CONFIRMED, pk__in=[r.pk for r in waiting[:5]]
        ).values_list("pk", flat=True)
    ) == {r.pk for r in waiting[:5]}
