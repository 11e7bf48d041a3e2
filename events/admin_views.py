"""Admin views and dashboard panels of events, for event managers."""

import functools

from laces.components import Component

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from events import services
from events.models import EventRegistration
from events.permissions import registration_permission_policy


def forbidden_as_403(view):
    """Answer 403 (not Wagtail's redirect to the dashboard) to people without the permission."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "events/admin/forbidden.html", status=403)

    return wrapped


def listing_url(request, registration):
    """Where to go back to: the listing as it was filtered (``next``), else the event's."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    index = reverse("eventregistration:index")
    if back.startswith(index) and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return index + f"?event={registration.event_id}"


def cancel_registration(request, pk):
    """Confirm, then cancel a registration as a manager (the waiting list moves up)."""
    if not registration_permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    registration = get_object_or_404(EventRegistration.objects.select_related("event"), pk=pk)
    back_url = listing_url(request, registration)
    if request.method == "POST":
        promoted = services.cancel_registration(
            registration, by=EventRegistration.CancelledBy.MANAGER
        )
        messages.success(
            request,
            _("Registration of %(name)s cancelled; %(count)s promoted from the waiting list.")
            % {"name": registration.name, "count": len(promoted)},
        )
        return redirect(back_url)
    return TemplateResponse(
        request,
        "events/admin/confirm_cancel.html",
        {"registration": registration, "header_icon": "cross", "back_url": back_url},
    )


class UpcomingEventsPanel(Component):
    """Dashboard: the next events with seats taken, for event managers only."""

    name = "upcoming_events"
    template_name = "events/admin/dashboard_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        events = list(
            services.upcoming_events(now=timezone.now()).filter(
                locale__language_code=Locale.get_default().language_code
            )[:6]
        )
        counts = services.registration_counts(events)
        rows = []
        for event in events:
            row = counts.get(event.pk, {})
            rows.append(
                {
                    "event": event,
                    "confirmed": row.get("confirmed", 0),
                    "waitlisted": row.get("waitlisted", 0),
                    "listing_url": reverse("eventregistration:index") + f"?event={event.pk}",
                }
            )
        return {"rows": rows}
