"""The campaign in the Wagtail admin: snippets, moderation buttons, bulk actions, dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from pledges.admin_views import (
    ApproveEndorsementsBulkAction,
    PendingCampaignItemsPanel,
    RejectEndorsementsBulkAction,
)
from pledges.models import ActionSubmission
from pledges.viewsets import CampaignViewSetGroup

register_snippet(CampaignViewSetGroup)
hooks.register("register_bulk_action", ApproveEndorsementsBulkAction)
hooks.register("register_bulk_action", RejectEndorsementsBulkAction)


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


@hooks.register("construct_homepage_panels")
def add_pending_panel(request, panels):
    user = request.user
    if user.has_perm("pledges.view_endorsement") or user.has_perm("pledges.view_actionsubmission"):
        panels.append(PendingCampaignItemsPanel(request))
