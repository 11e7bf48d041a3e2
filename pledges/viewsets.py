"""The campaign's snippets in the admin: endorsements, submissions, LRGs, taxonomies."""

import django_filters

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pledges import admin_views
from pledges.import_views import ImportPracticesViewSet
from pledges.models import (
    SDG,
    ActionSubmission,
    Endorsement,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    LocalGovernment,
    PopulationGroup,
    Theme,
)
from pledges.regions import REGION_CHOICES


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["title", "slug", "sort_order"]
    menu_label = _("Themes")


class GCMObjectiveViewSet(SnippetViewSet):
    model = GCMObjective
    icon = "list-ol"
    list_display = ["number", "title"]
    menu_label = _("GCM objectives")


class GCMPrincipleViewSet(SnippetViewSet):
    model = GCMPrinciple
    icon = "list-ul"
    list_display = ["code", "title"]
    menu_label = _("GCM guiding principles")


class GCRObjectiveViewSet(SnippetViewSet):
    model = GCRObjective
    icon = "list-ol"
    list_display = ["number", "title"]
    menu_label = _("GCR objectives")


class GCRAreaViewSet(SnippetViewSet):
    model = GCRArea
    icon = "list-ol"
    list_display = ["code", "title", "group"]
    menu_label = _("GCR areas")


class SDGViewSet(SnippetViewSet):
    model = SDG
    icon = "list-ol"
    list_display = ["number", "title"]
    menu_label = _("SDGs")


class PopulationGroupViewSet(SnippetViewSet):
    model = PopulationGroup
    icon = "group"
    list_display = ["title", "slug"]
    menu_label = _("Population groups")


class LocalGovernmentFilterSet(WagtailFilterSet):
    region = django_filters.ChoiceFilter(label=_("UN region"), choices=REGION_CHOICES)

    class Meta:
        model = LocalGovernment
        fields = ["kind", "region", "country"]


class LocalGovernmentViewSet(SnippetViewSet):
    model = LocalGovernment
    icon = "site"
    list_display = ["name", "kind", "country", "region"]
    filterset_class = LocalGovernmentFilterSet
    menu_label = _("Local governments")


class EndorsementFilterSet(WagtailFilterSet):
    class Meta:
        model = Endorsement
        fields = ["status", "government_kind", "region", "consent_to_list"]


class EndorsementViewSet(SnippetViewSet):
    """Moderators review endorsements here; approve many at once with the bulk action."""

    model = Endorsement
    icon = "success"
    menu_label = _("Endorsements")
    list_display = ["government_name", "country", "signatory_name", "status", "created_at"]
    list_filter = None
    filterset_class = EndorsementFilterSet
    search_fields = ["government_name", "signatory_name", "email"]
    search_backend_name = None
    inspect_view_enabled = True

    def get_queryset(self, request):
        # Unconfirmed endorsements are nobody's to see; they expire (purge_pledge_data).
        return Endorsement.objects.filter(email_confirmed_at__isnull=False)


class ActionSubmissionFilterSet(WagtailFilterSet):
    class Meta:
        model = ActionSubmission
        fields = ["status", "government_kind", "region"]


class ActionSubmissionViewSet(SnippetViewSet):
    """Submissions from the public form; "Create draft case study" turns one into a page."""

    model = ActionSubmission
    icon = "form"
    menu_label = _("Local-action submissions")
    list_display = ["title", "government_name", "country", "status", "created_at"]
    filterset_class = ActionSubmissionFilterSet
    search_fields = ["title", "government_name", "contact_name", "contact_email"]
    search_backend_name = None
    inspect_view_enabled = True

    def get_queryset(self, request):
        # Unconfirmed submissions are nobody's to see; they expire (purge_pledge_data).
        return ActionSubmission.objects.filter(email_confirmed_at__isnull=False)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "create-case-study/<int:pk>/",
                self.create_case_study_view,
                name="create_case_study",
            ),
        ]

    def create_case_study_view(self, request, pk):
        return admin_views.create_case_study(request, pk, viewset=self)


class CampaignViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Campaign")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = [
        EndorsementViewSet,
        ActionSubmissionViewSet,
        ImportPracticesViewSet,
        LocalGovernmentViewSet,
        ThemeViewSet,
        GCMObjectiveViewSet,
        GCMPrincipleViewSet,
        GCRObjectiveViewSet,
        GCRAreaViewSet,
        SDGViewSet,
        PopulationGroupViewSet,
    ]
