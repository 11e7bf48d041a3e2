"""Admin for event managers: registrations (filters, counts, export, cancel) and a dashboard panel.

Only people with the registration permissions (the "Event managers" group, and
superusers) reach any of this; everyone else gets 403 and sees no menu item.
"""

import functools

import django_filters
from laces.components import Component

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import MenuItem as ButtonMenuItem
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from events import services
from events.models import EventPage, EventRegistration


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Managers view and correct registrations; seats change only through the rules.

    Nobody adds or deletes registrations in the admin: people register on the
    site, managers cancel (which promotes the waiting list), and the retention
    command deletes personal data.
    """

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [a for a in actions if a not in ("add", "delete")] or ["change"]
        )


def forbidden_as_403(view):
    """Answer 403 (not Wagtail's redirect to the dashboard) to people without the permission."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "events/admin/forbidden.html", status=403)

    return wrapped


def _event_choices():
    return EventPage.objects.filter(locale__language_code=Locale.get_default().language_code)


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), queryset=lambda request: _event_choices().order_by("-start")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EventRegistration.Status.choices
    )

    class Meta:
        model = EventRegistration
        fields = ["event", "status"]


class RegistrationIndexView(generic.IndexView):
    """The listing, with the number of registrations per status for the current filters."""

    results_template_name = "events/admin/registration_index_results.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = self.get_queryset().order_by().values("status").annotate(n=Count("id"))
        totals = {row["status"]: row["n"] for row in rows}
        context["status_counts"] = [
            (label, totals.get(value, 0)) for value, label in EventRegistration.Status.choices
        ]
        return context

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            buttons.append(
                ButtonMenuItem(
                    _("Cancel registration"),
                    url=reverse("eventregistration:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


def cancel_registration_view(request, pk):
    """Confirm, then cancel a registration as a manager (the waiting list moves up)."""
    if not viewset.permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    registration = get_object_or_404(EventRegistration.objects.select_related("event"), pk=pk)
    if request.method == "POST":
        promoted = services.cancel_registration(
            registration, by=EventRegistration.CancelledBy.MANAGER
        )
        messages.success(
            request,
            _("Registration of %(name)s cancelled; %(count)s promoted from the waiting list.")
            % {"name": registration.name, "count": len(promoted)},
        )
        return redirect(reverse("eventregistration:index") + f"?event={registration.event_id}")
    return TemplateResponse(
        request,
        "events/admin/confirm_cancel.html",
        {"registration": registration, "header_icon": "cross"},
    )


class RegistrationViewSet(ModelViewSet):
    """Registrations for event managers: filter, count, export, correct, cancel."""

    model = EventRegistration
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = RegistrationIndexView
    filterset_class = RegistrationFilterSet
    list_display = [
        "name",
        "email",
        "event",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "organisation",
        "country",
        DateColumn("created_at", label=_("Registered")),
    ]
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "role",
        "country",
        "needs",
        "status",
        "language",
        "created_at",
        "confirmed_at",
        "cancelled_at",
    ]
    export_filename = "registrations"
    # Searched with the ORM: registrations never enter a search index.
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    form_fields = ["name", "organisation", "role", "country", "needs", "local_government"]
    inspect_view_fields = [
        "event",
        "name",
        "email",
        "organisation",
        "role",
        "country",
        "needs",
        "status",
        "language",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "cancelled_by",
    ]

    @property
    def permission_policy(self):
        return RegistrationPermissionPolicy(self.model)

    def get_urlpatterns(self):
        patterns = [
            *super().get_urlpatterns(),
            path("cancel/<int:pk>/", cancel_registration_view, name="cancel"),
        ]
        for pattern in patterns:
            pattern.callback = forbidden_as_403(pattern.callback)
        return patterns


viewset = RegistrationViewSet("eventregistration")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return viewset


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


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    if viewset.permission_policy.user_has_permission(request.user, "view"):
        panels.append(UpcomingEventsPanel())


@hooks.register("after_publish_page")
def promote_after_capacity_change(request, page):
    """An editor who adds seats gives them to the waiting list straight away."""
    if isinstance(page.specific_deferred, EventPage):
        services.fill_free_seats(page.specific_deferred)
