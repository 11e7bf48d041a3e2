"""Events in the Wagtail admin: the registrations listing and the dashboard panel."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from events.admin_views import UpcomingEventsPanel
from events.permissions import registration_permission_policy
from events.viewsets import viewset
from hub.admin_search import PermissionSearchArea


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return viewset


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    if registration_permission_policy.user_has_permission(request.user, "view"):
        panels.append(UpcomingEventsPanel())


@hooks.register("register_admin_search_area")
def registrations_search_area():
    """Registrations hold personal data: searchable by event managers only."""
    return PermissionSearchArea(
        _("Registrations"),
        reverse("eventregistration:index"),
        name="registrations",
        icon_name="group",
        order=340,
        test=lambda user: registration_permission_policy.user_has_permission(user, "view"),
    )
