"""The outbox in the admin: what is waiting, what failed and why, and "Send again".

Emails hold personal data and secret links, so only users with the
``post_office.view_email`` permission (superusers by default) see them, and
nobody edits, adds or deletes one here: the only action is to send a failed
email again, which gives it a fresh set of retries.
"""

import django_filters
from post_office.models import STATUS, Email

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet

from hub import mail

STATUS_CHOICES = [
    (STATUS.queued, _("Waiting to be sent")),
    (STATUS.requeued, _("Waiting for a retry")),
    (STATUS.failed, _("Failed")),
    (STATUS.sent, _("Sent")),
]


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """View (and send again) with ``view_email``; never add, change or delete here."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "lock", "unlock"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OutboxFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES)

    class Meta:
        model = Email
        fields = ["status"]


STATUS_LABELS = dict(STATUS_CHOICES)


class OutboxViewSet(SnippetViewSet):
    """Every email the site sends passes through here."""

    model = Email
    icon = "mail"
    menu_label = _("Outbox")
    menu_name = "outbox"
    add_to_admin_menu = False
    list_display = [
        "subject",
        Column("to", label=_("To"), accessor=lambda email: ", ".join(email.to)),
        Column("status", label=_("Status"), accessor=lambda e: STATUS_LABELS.get(e.status, "")),
        Column("number_of_retries", label=_("Retries")),
        "last_updated",
    ]
    filterset_class = OutboxFilterSet
    search_fields = ["subject", "to"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "subject",
        "to",
        "status",
        "number_of_retries",
        "scheduled_time",
        "created",
        "last_updated",
        "message",
    ]
    ordering = ["-created"]

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


class ResendBulkAction(SnippetBulkAction):
    """Send the selected failed emails again."""

    models = [Email]
    display_name = _("Send again")
    action_type = "resend"
    aria_label = _("Send the selected failed emails again")
    template_name = "hub/admin/confirm_resend.html"
    action_priority = 10

    def check_perm(self, snippet):
        return self.request.user.has_perm("post_office.view_email")

    def get_execution_context(self):
        return {}

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return mail.resend([obj.pk for obj in objects]), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d failed email is queued to be sent again.",
            "%(count)d failed emails are queued to be sent again.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class OutboxPanel(Component):
    """Dashboard panel, shown only when emails failed or are waiting for a retry."""

    name = "outbox"
    template_name = "hub/admin/outbox_panel.html"
    order = 80

    def __init__(self, failed, retrying):
        self.failed = failed
        self.retrying = retrying

    def get_context_data(self, parent_context=None):
        list_url = reverse("wagtailsnippets_post_office_email:list")
        return {
            "failed": self.failed,
            "retrying": self.retrying,
            "failed_url": f"{list_url}?status={STATUS.failed}",
            "retrying_url": f"{list_url}?status={STATUS.requeued}",
        }


def outbox_panel(request):
    """The panel for this user, or None (no permission, or nothing to report)."""
    if not request.user.has_perm("post_office.view_email"):
        return None
    failed = Email.objects.filter(status=STATUS.failed).count()
    retrying = Email.objects.filter(status=STATUS.requeued).count()
    if not failed and not retrying:
        return None
    return OutboxPanel(failed, retrying)
