"""The campaign in the Wagtail admin: snippets, moderation, dashboard panel."""

import django_filters
from laces.components import Component

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pledges import services
from pledges.models import (
    SDG,
    ActionSubmission,
    Endorsement,
    GCMObjective,
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
        """GET: confirm; POST: draft the LocalActionPage and open it in the editor."""
        if not request.user.has_perm("pledges.change_actionsubmission"):
            raise PermissionDenied
        submission = get_object_or_404(ActionSubmission, pk=pk)
        if request.method == "POST":
            try:
                page = services.create_case_study(submission, user=request.user)
            except services.CaseStudyError as error:
                messages.error(request, str(error))
                return redirect(self.get_url_name("list"))
            messages.success(
                request,
                _("Draft case study “%(title)s” created. Review it, then submit it to moderation.")
                % {"title": page.title},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        return TemplateResponse(
            request,
            "pledges/admin/create_case_study.html",
            {
                "submission": submission,
                "view": self,
                "header_icon": self.icon,
                "page_title": _("Create draft case study"),
                "list_url": reverse(self.get_url_name("list")),
            },
        )


class CampaignViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Campaign")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = [
        EndorsementViewSet,
        ActionSubmissionViewSet,
        LocalGovernmentViewSet,
        ThemeViewSet,
        GCMObjectiveViewSet,
        GCRObjectiveViewSet,
        GCRAreaViewSet,
        SDGViewSet,
        PopulationGroupViewSet,
    ]


register_snippet(CampaignViewSetGroup)


@hooks.register("register_snippet_listing_buttons")
def submission_listing_buttons(snippet, user, next_url=None):
    if (
        isinstance(snippet, ActionSubmission)
        and not snippet.case_study_id
        and user.has_perm("pledges.change_actionsubmission")
    ):
        yield ListingButton(
            _("Create draft case study"),
            reverse(
                "wagtailsnippets_pledges_actionsubmission:create_case_study", args=[snippet.pk]
            ),
            icon_name="doc-full-inverse",
            priority=5,
        )


class EndorsementBulkAction(SnippetBulkAction):
    models = [Endorsement]
    template_name = "pledges/admin/confirm_bulk_endorsements.html"

    def check_perm(self, snippet):
        return self.request.user.has_perm("pledges.change_endorsement")

    def get_execution_context(self):
        return {}


@hooks.register("register_bulk_action")
class ApproveEndorsementsBulkAction(EndorsementBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected endorsements")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, **kwargs):
        count = services.approve_endorsements(
            Endorsement.objects.filter(pk__in=[obj.pk for obj in objects])
        )
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d endorsement approved.",
            "%(count)d endorsements approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class RejectEndorsementsBulkAction(EndorsementBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected endorsements")
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, **kwargs):
        count = services.reject_endorsements(
            Endorsement.objects.filter(pk__in=[obj.pk for obj in objects])
        )
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d endorsement rejected.",
            "%(count)d endorsements rejected.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class PendingCampaignItemsPanel(Component):
    """Dashboard panel: endorsements and submissions waiting for a moderator."""

    name = "pending_campaign_items"
    template_name = "pledges/admin/pending_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        counts = services.pending_counts()
        return {
            **counts,
            "endorsements_url": reverse("wagtailsnippets_pledges_endorsement:list")
            + "?status=pending",
            "submissions_url": reverse("wagtailsnippets_pledges_actionsubmission:list")
            + "?status=new",
        }


@hooks.register("construct_homepage_panels")
def add_pending_panel(request, panels):
    user = request.user
    if user.has_perm("pledges.view_endorsement") or user.has_perm("pledges.view_actionsubmission"):
        panels.append(PendingCampaignItemsPanel(request))
