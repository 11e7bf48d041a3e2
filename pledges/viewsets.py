"""The campaign's snippets in the admin: endorsements, submissions, LRGs, taxonomies."""

import django_filters

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.models import Page, WorkflowState
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from pledges import admin_views
from pledges.admin_forms import ActionSubmissionAdminForm, TaxonomyFilter
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
from pledges.moderation import case_study_state
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
    # Searched with the ORM: a name in any language, accents as typed ("Lisboa", "Gdańsk").
    search_fields = ["name", "slug"]
    search_backend_name = None


class EndorsementFilterSet(WagtailFilterSet):
    class Meta:
        model = Endorsement
        fields = ["status", "government_kind", "region", "consent_to_list"]


class EndorsementDecisionMixin:
    """Approve / Reject buttons in the header of a pending endorsement's own pages."""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            *admin_views.endorsement_decision_buttons(
                self.object, self.request.user, self.model.snippet_viewset
            ),
        ]


class EndorsementEditView(EndorsementDecisionMixin, EditView):
    pass


class EndorsementInspectView(EndorsementDecisionMixin, InspectView):
    pass


class EndorsementViewSet(SnippetViewSet):
    """Moderators review endorsements here: Approve / Reject on an endorsement's page, or many
    at once with the bulk actions."""

    model = Endorsement
    icon = "success"
    menu_label = _("Endorsements")
    list_display = ["government_name", "country", "signatory_name", "status", "created_at"]
    list_filter = None
    filterset_class = EndorsementFilterSet
    search_fields = ["government_name", "signatory_name", "email"]
    search_backend_name = None
    inspect_view_enabled = True
    edit_view_class = EndorsementEditView
    inspect_view_class = EndorsementInspectView

    def get_queryset(self, request):
        # Unconfirmed endorsements are nobody's to see; they expire (purge_pledge_data).
        return Endorsement.objects.filter(email_confirmed_at__isnull=False)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "decide/<int:pk>/<str:decision>/",
                self.decide_view,
                name="decide",
            ),
        ]

    def decide_view(self, request, pk, decision):
        if decision not in ("approve", "reject"):
            from django.http import Http404

            raise Http404
        return admin_views.decide_endorsement(request, pk, decision, viewset=self)


class ActionSubmissionFilterSet(WagtailFilterSet):
    themes = TaxonomyFilter(Theme, label=_("Themes"))
    population_groups = TaxonomyFilter(PopulationGroup, label=_("Population groups"))

    class Meta:
        model = ActionSubmission
        fields = ["status", "government_kind", "region"]


class CaseStudyStateColumn(Column):
    """Where the submission's case study stands: draft, in moderation, or live with a link."""

    cell_template_name = "pledges/admin/case_study_state_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        page = instance.case_study
        context["state"] = case_study_state(
            page, in_moderation=getattr(instance, "case_study_in_moderation", None)
        )
        return context


def with_case_study_state(queryset):
    """Submissions with their case study and whether it is in moderation (no query per row)."""
    in_moderation = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("case_study_id"), output_field=CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return queryset.select_related("case_study").annotate(
        case_study_in_moderation=Exists(in_moderation)
    )


class CaseStudyStatePanel(Panel):
    """On a submission's page: its case study, where it stands, and links to it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pledges/admin/case_study_state_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.case_study_id is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["case_study"] = self.instance.case_study
            context["state"] = case_study_state(self.instance.case_study)
            return context

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "heading": _("Case study")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Case study"))
        super().__init__(*args, **kwargs)


class ActionSubmissionIndexView(IndexView):
    def get_base_queryset(self):
        return with_case_study_state(super().get_base_queryset())


class ActionSubmissionViewSet(SnippetViewSet):
    """Submissions from the public form; "Create draft case study" turns one into a page."""

    model = ActionSubmission
    icon = "form"
    menu_label = _("Local-action submissions")
    list_display = [
        "title",
        "government_name",
        "country",
        "status",
        CaseStudyStateColumn("case_study", label=_("Case study")),
        "created_at",
    ]
    filterset_class = ActionSubmissionFilterSet
    search_fields = ["title", "government_name", "contact_name", "contact_email"]
    search_backend_name = None
    inspect_view_enabled = True
    index_view_class = ActionSubmissionIndexView
    edit_handler = ObjectList(
        [
            CaseStudyStatePanel() if getattr(panel, "field_name", "") == "case_study" else panel
            for panel in ActionSubmission.panels
        ],
        base_form_class=ActionSubmissionAdminForm,
    )

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
