"""Moderators' admin views: draft a case study, approve or reject endorsements, what waits."""

from laces.components import Component

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from pledges import services
from pledges.models import ActionSubmission, Endorsement


def decide_endorsement(request, pk, decision, *, viewset):
    """GET: confirm approving or rejecting one endorsement; POST: do it and say so."""
    if not request.user.has_perm("pledges.change_endorsement"):
        raise PermissionDenied
    endorsement = get_object_or_404(viewset.get_queryset(request), pk=pk)
    edit_url = reverse(viewset.get_url_name("edit"), args=[endorsement.pk])
    if endorsement.status != Endorsement.PENDING:
        messages.warning(
            request,
            _("This endorsement was already decided: %(status)s.")
            % {"status": endorsement.get_status_display()},
        )
        return redirect(edit_url)
    if request.method == "POST":
        queryset = Endorsement.objects.filter(pk=endorsement.pk)
        name = endorsement.government_name
        if decision == "approve":
            approved, _skipped = services.approve_endorsements(queryset)
            if approved:
                messages.success(
                    request,
                    _("Endorsement of %(name)s approved: it is counted and listed publicly.")
                    % {"name": name},
                )
            else:
                messages.error(
                    request,
                    _(
                        "Not approved: %(name)s already has an approved endorsement. "
                        "Reject this one instead."
                    )
                    % {"name": name},
                )
        else:
            services.reject_endorsements(queryset)
            messages.success(request, _("Endorsement of %(name)s rejected.") % {"name": name})
        return redirect(edit_url)
    title = _("Approve endorsement") if decision == "approve" else _("Reject endorsement")
    return TemplateResponse(
        request,
        "pledges/admin/confirm_endorsement_decision.html",
        {
            "endorsement": endorsement,
            "decision": decision,
            "page_title": title,
            "header_icon": viewset.icon,
            "edit_url": edit_url,
        },
    )


def endorsement_decision_buttons(endorsement, user, viewset):
    """The Approve / Reject buttons of a pending endorsement's own page."""
    if endorsement.status != Endorsement.PENDING or not user.has_perm("pledges.change_endorsement"):
        return []
    return [
        HeaderButton(
            _("Approve"),
            url=reverse(viewset.get_url_name("decide"), args=[endorsement.pk, "approve"]),
            icon_name="check",
            classname="button-primary",
            priority=10,
        ),
        HeaderButton(
            _("Reject"),
            url=reverse(viewset.get_url_name("decide"), args=[endorsement.pk, "reject"]),
            icon_name="cross",
            classname="button-secondary",
            priority=20,
        ),
    ]


def create_case_study(request, pk, *, viewset):
    """GET: confirm; POST: draft the LocalActionPage and open it in the editor."""
    if not request.user.has_perm("pledges.change_actionsubmission"):
        raise PermissionDenied
    submission = get_object_or_404(ActionSubmission, pk=pk)
    if request.method == "POST":
        try:
            page = services.create_case_study(submission, user=request.user)
        except services.CaseStudyError as error:
            messages.error(request, str(error))
            return redirect(viewset.get_url_name("list"))
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
            "view": viewset,
            "header_icon": viewset.icon,
            "page_title": _("Create draft case study"),
            "list_url": reverse(viewset.get_url_name("list")),
        },
    )


class EndorsementBulkAction(SnippetBulkAction):
    models = [Endorsement]
    template_name = "pledges/admin/confirm_bulk_endorsements.html"

    def check_perm(self, snippet):
        return self.request.user.has_perm("pledges.change_endorsement")

    def get_execution_context(self):
        return {}


class ApproveEndorsementsBulkAction(EndorsementBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected endorsements")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, **kwargs):
        # (approved, skipped): the second number is those whose government
        # already has an approved endorsement.
        return services.approve_endorsements(
            Endorsement.objects.filter(pk__in=[obj.pk for obj in objects])
        )

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "%(count)d endorsement approved.",
            "%(count)d endorsements approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
        if num_child_objects:
            message += " " + ngettext(
                "%(count)d not approved: its government already has an approved endorsement.",
                "%(count)d not approved: their governments already have an approved endorsement.",
                num_child_objects,
            ) % {"count": num_child_objects}
        return message


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

    @staticmethod
    def is_shown_to(user):
        """Only people who can decide see what waits (Communications only reads these)."""
        return user.has_perm("pledges.change_endorsement") or user.has_perm(
            "pledges.change_actionsubmission"
        )

    def get_context_data(self, parent_context=None):
        counts = services.pending_counts()
        user = self.request.user
        return {
            **counts,
            "show_endorsements": user.has_perm("pledges.change_endorsement"),
            "show_submissions": user.has_perm("pledges.change_actionsubmission"),
            "endorsements_url": reverse("wagtailsnippets_pledges_endorsement:list")
            + "?status=pending",
            "submissions_url": reverse("wagtailsnippets_pledges_actionsubmission:list")
            + "?status=new",
        }
