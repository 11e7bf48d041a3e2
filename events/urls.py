"""Addresses outside the language prefix: the calendar feed of upcoming events."""

from django.urls import path

from events.views import upcoming_calendar

urlpatterns = [path("events/upcoming.ics", upcoming_calendar, name="events_upcoming_ics")]
