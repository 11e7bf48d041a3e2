"""The registrations listing for event managers: filters, counts, export, cancel.

Only people with the registration permissions (the "Event managers" group, and
superusers) reach any of this; everyone else gets 403 and sees no menu item.
"""

from urllib.parse import urlencode

import django_filters

from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import MenuItem as ButtonMenuItem
from wagtail.models import Locale

from events import admin_views, services
from events.models import EventPage, EventRegistration
from events.permissions import registration_permission_policy


def _event_choices():
    return EventPage.objects.filter(locale__language_code=Locale.get_default().language_code)


def listed_statuses():
    """The statuses managers see: requests whose address is not confirmed are not registrations."""
    unconfirmed = EventRegistration.Status.UNCONFIRMED
    return [choice for choice in EventRegistration.Status.choices if choice[0] != unconfirmed]


# A spreadsheet reads a cell starting with one of these as a formula (or, for
# tab and carriage return, may shift it into one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet opens as text: a leading ' when it could start a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), queryset=lambda request: _event_choices().order_by("-start")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=lambda: listed_statuses())

    class Meta:
        model = EventRegistration
        fields = ["event", "status"]


def next_event():
    """The event a manager most likely wants: the next one not over yet (default language)."""
    return (
        services.upcoming_events(now=timezone.now())
        .filter(locale__language_code=Locale.get_default().language_code)
        .first()
    )


class RegistrationIndexView(generic.IndexView):
    """The listing, with the number of registrations per status for the chosen event.

    Opened without filters it shows the next upcoming event's registrations
    (choose "All" in the event filter for every event). The counts per status
    follow the event filter and the search, never the status filter: filtered
    to "Confirmed", the waiting list still shows how many wait.
    """

    results_template_name = "events/admin/registration_index_results.html"

    def get(self, request, *args, **kwargs):
        if not request.GET and not self.results_only:
            upcoming = next_event()
            if upcoming is not None:
                return redirect(f"{request.path}?{urlencode({'event': upcoming.pk})}")
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        # Unconfirmed requests hold nothing and expire: not listed, counted or exported.
        return (
            super()
            .get_base_queryset()
            .exclude(status=EventRegistration.Status.UNCONFIRMED)
            .select_related("event")
        )

    def counted_queryset(self):
        """The registrations the counts cover: the chosen event and search, any status."""
        queryset = self.get_base_queryset()
        filters = self.filters
        if filters is not None and filters.is_valid():
            event = filters.form.cleaned_data.get("event")
            if event is not None:
                queryset = queryset.filter(event=event)
        if self.search_query:
            queryset = self.search_queryset(queryset)
        return queryset

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = self.counted_queryset().order_by().values("status").annotate(n=Count("id"))
        totals = {row["status"]: row["n"] for row in rows}
        context["status_counts"] = [
            (label, totals.get(value, 0)) for value, label in listed_statuses()
        ]
        return context

    def preprocess_field_value(self, field, value, export_format):
        """Every exported cell that could start a formula is written as text."""
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))

    def get_index_url_with_filters(self):
        """The full listing's address with the current filters (also from the results view)."""
        query = self.request.GET.copy()
        for key in ("p", "export"):
            query.pop(key, None)
        url = reverse("eventregistration:index")
        return f"{url}?{query.urlencode()}" if query else url

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            buttons.append(
                ButtonMenuItem(
                    _("Cancel registration"),
                    # Back to this listing, filters kept, once done.
                    url=reverse("eventregistration:cancel", args=[instance.pk])
                    + "?"
                    + urlencode({"next": self.get_index_url_with_filters()}),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


# What a manager sees of a registration, in the export and on its inspect page.
REGISTRATION_FIELDS = [
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
# The export: every code beside what it means (a country's name, a status's label).
REGISTRATION_EXPORT = [
    "event",
    "name",
    "email",
    "organisation",
    "role",
    "country",
    "country_name",
    "needs",
    "status",
    "status_label",
    "language",
    "language_name",
    "created_at",
    "confirmed_at",
    "cancelled_at",
]


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
    list_export = REGISTRATION_EXPORT
    export_headings = {
        "country": _("Country code"),
        "country_name": _("Country"),
        "status": _("Status code"),
        "status_label": _("Status"),
        "language": _("Language code"),
        "language_name": _("Language"),
    }
    export_filename = "registrations"
    # Searched with the ORM: registrations never enter a search index.
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    form_fields = ["name", "organisation", "role", "country", "needs", "local_government"]
    inspect_view_fields = [*REGISTRATION_FIELDS, "cancelled_by"]

    @property
    def permission_policy(self):
        return registration_permission_policy

    def get_urlpatterns(self):
        patterns = [
            *super().get_urlpatterns(),
            path("cancel/<int:pk>/", admin_views.cancel_registration, name="cancel"),
        ]
        for pattern in patterns:
            pattern.callback = admin_views.forbidden_as_403(pattern.callback)
        return patterns


viewset = RegistrationViewSet("eventregistration")
