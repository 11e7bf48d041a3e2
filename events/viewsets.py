"""The registrations listing for event managers: filters, counts, export, cancel.

Only people with the registration permissions (the "Event managers" group, and
superusers) reach any of this; everyone else gets 403 and sees no menu item.
"""

import django_filters

from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import MenuItem as ButtonMenuItem
from wagtail.models import Locale

from events import admin_views
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


class RegistrationIndexView(generic.IndexView):
    """The listing, with the number of registrations per status for the current filters."""

    results_template_name = "events/admin/registration_index_results.html"

    def get_base_queryset(self):
        # Unconfirmed requests hold nothing and expire: not listed, counted or exported.
        return (
            super()
            .get_base_queryset()
            .exclude(status=EventRegistration.Status.UNCONFIRMED)
            .select_related("event")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = self.get_queryset().order_by().values("status").annotate(n=Count("id"))
        totals = {row["status"]: row["n"] for row in rows}
        context["status_counts"] = [
            (label, totals.get(value, 0)) for value, label in listed_statuses()
        ]
        return context

    def preprocess_field_value(self, field, value, export_format):
        """Every exported cell that could start a formula is written as text."""
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))

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
    list_export = REGISTRATION_FIELDS
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
