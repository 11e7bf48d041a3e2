"""Addresses under the language prefix (/en/, /fr/ ...), before Wagtail's pages.

Wagtail serves only addresses ending in "/", so an event's calendar file
(/en/events/<slug>/event.ics) is routed here and resolved through the page tree.
"""

from django.urls import re_path

from events.views import event_calendar_by_path

urlpatterns = [
    re_path(r"^(?P<path>(?:[\w\-]+/)+)event\.ics$", event_calendar_by_path, name="event_ics"),
]
