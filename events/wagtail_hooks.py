"""Events in the Wagtail admin: the registrations listing and the dashboard panel."""

from wagtail import hooks

from events.admin_views import UpcomingEventsPanel
from events.permissions import registration_permission_policy
from events.viewsets import viewset


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return viewset


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    if registration_permission_policy.user_has_permission(request.user, "view"):
        panels.append(UpcomingEventsPanel())
