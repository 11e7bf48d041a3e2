"""The campaign in the Wagtail admin: snippets, moderation buttons, bulk actions, dashboard."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.widgets import Button, ListingButton
from wagtail.snippets.models import register_snippet

from hub.admin_search import PermissionSearchArea
from hub.roles import publishes_case_studies_directly
from pledges import registry_views
from pledges.admin_views import (
    ApproveEndorsementsBulkAction,
    PendingCampaignItemsPanel,
    RejectEndorsementsBulkAction,
)
from pledges.models import ActionSubmission, LocalActionPage
from pledges.viewsets import CampaignViewSetGroup

register_snippet(CampaignViewSetGroup)
hooks.register("register_bulk_action", ApproveEndorsementsBulkAction)
hooks.register("register_bulk_action", RejectEndorsementsBulkAction)


@hooks.register("register_snippet_listing_buttons")
def submission_listing_buttons(snippet, user, next_url=None):
    if (
        isinstance(snippet, ActionSubmission)
        and not snippet.case_study_id
        and snippet.email_confirmed_at is not None
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
    if PendingCampaignItemsPanel.is_shown_to(request.user):
        panels.append(PendingCampaignItemsPanel(request))


@hooks.register("construct_page_action_menu")
def case_studies_have_no_publish_button(menu_items, request, context):
    """On a case study, "Submit for moderation" (and, for another moderator, "Approve") only."""
    if isinstance(context.get("page"), LocalActionPage) and not publishes_case_studies_directly(
        request.user
    ):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_publish_page")
def case_studies_are_published_by_moderators(request, page):
    """Refuse "Publish" on a case study: it goes live when another moderator approves it.

    The edit view hides "Publish" (above; for Communications also
    ``CaseStudyPermissionTester``); this also covers a forged post and the
    create view, which asks the parent page (the library) whether its
    children may be published. The page stays saved as a draft. Approving the
    workflow's task publishes without passing here.
    """
    if not isinstance(page.specific, LocalActionPage):
        return None
    if publishes_case_studies_directly(request.user):
        return None
    if page.live and page.live_revision_id is None:
        # The create view adds the page live before it asks this hook: keep it a draft.
        page.live = False
        page.save(update_fields=["live"], clean=False)
    messages.error(
        request,
        _("Case studies are published by the moderators: submit this one for moderation."),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def case_studies_are_not_bulk_published(request, action_type, objects, action_class_instance):
    """The explorer's bulk "Publish" refuses case studies, as the edit view does.

    A case study goes live when a moderator approves it in the workflow; the
    bulk action would publish it past the approval (and past the rule that
    nobody approves their own submission). Nothing is published; the message
    names the case studies to submit for moderation instead.
    """
    if action_type != "publish" or publishes_case_studies_directly(request.user):
        return None
    pages = list(objects)
    if action_class_instance.cleaned_form.cleaned_data.get("include_descendants"):
        pages += [page for parent in objects for page in parent.get_descendants().not_live()]
    case_studies = [page for page in pages if page.specific_class is LocalActionPage]
    if not case_studies:
        return None
    messages.error(
        request,
        ngettext(
            "Nothing was published: “%(titles)s” is a case study, published by the moderators. "
            "Submit it for moderation from its edit page.",
            "Nothing was published: %(count)d case studies (%(titles)s) are published by the "
            "moderators. Submit each for moderation from its edit page.",
            len(case_studies),
        )
        % {"count": len(case_studies), "titles": ", ".join(p.title for p in case_studies[:5])},
    )
    return redirect(action_class_instance.next_url)


# --- Prepare for registries (pledges.registry_views) ------------------------------------
hooks.register("register_bulk_action", registry_views.PrepareForRegistriesBulkAction)


@hooks.register("register_admin_urls")
def registry_admin_urls():
    return [path("registries/", include((registry_views.urlpatterns, "pledges_registries")))]


def _registries_button(page, user, priority):
    if page.specific_class is LocalActionPage and registry_views.can_prepare(user, page):
        return Button(
            _("Prepare for registries"),
            reverse("pledges_registries:prepare", args=[page.pk]),
            icon_name="globe",
            priority=priority,
        )
    return None


@hooks.register("register_page_header_buttons")
def registries_header_button(page, user, view_name, next_url=None):
    button = _registries_button(page, user, priority=40)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def registries_listing_button(page, user, next_url=None):
    button = _registries_button(page, user, priority=45)
    if button:
        yield button


@hooks.register("construct_homepage_panels")
def add_registries_panel(request, panels):
    if registry_views.may_use_registries(request.user):
        panels.append(registry_views.RegistriesPanel(request))


@hooks.register("register_admin_search_area")
def endorsements_search_area():
    return PermissionSearchArea(
        _("Endorsements"),
        reverse("wagtailsnippets_pledges_endorsement:list"),
        name="endorsements",
        icon_name="success",
        order=300,
        permissions=["pledges.view_endorsement", "pledges.change_endorsement"],
    )


@hooks.register("register_admin_search_area")
def submissions_search_area():
    return PermissionSearchArea(
        _("Local-action submissions"),
        reverse("wagtailsnippets_pledges_actionsubmission:list"),
        name="submissions",
        icon_name="form",
        order=310,
        permissions=["pledges.view_actionsubmission", "pledges.change_actionsubmission"],
    )


@hooks.register("register_admin_search_area")
def governments_search_area():
    return PermissionSearchArea(
        _("Local governments"),
        reverse("wagtailsnippets_pledges_localgovernment:list"),
        name="governments",
        icon_name="site",
        order=320,
        permissions=[
            "pledges.view_localgovernment",
            "pledges.add_localgovernment",
            "pledges.change_localgovernment",
        ],
    )
