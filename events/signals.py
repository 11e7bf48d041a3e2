"""Event rules that follow content changes, however they happen.

Publishing an event (from the editor, by scheduled publishing, through the
API or a script) gives any seats it added to the waiting list at once.
"""

from wagtail.signals import page_published

from events.models import EventPage
from events.services import fill_free_seats


def seats_may_have_changed(sender, instance, **kwargs):
    fill_free_seats(instance)


def connect():
    page_published.connect(
        seats_may_have_changed, sender=EventPage, dispatch_uid="events-fill-free-seats"
    )
