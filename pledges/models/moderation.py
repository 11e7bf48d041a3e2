"""The moderators' review of case studies: a group approval that nobody gives to themselves.

The "Moderators approval" workflow runs on the practice library only (a case
study is its child page); everywhere else Communications publishes directly.
Its one task is a ``CaseStudyApprovalTask``: like Wagtail's group approval,
except that the person who submitted the page is offered no approve or reject
action and does not find it among the pages awaiting their review — another
moderator decides.

The workflow and task are rows whose names are stored in English; they are
shown in the admin user's language (``translated_name``), see
``pledges.moderation``.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wagtail.models import GroupApprovalTask


class CaseStudyApprovalTask(GroupApprovalTask):
    """Approval by a member of the chosen groups other than the person who submitted."""

    class Meta:
        proxy = True
        verbose_name = _("approval by another moderator")
        verbose_name_plural = _("approvals by another moderator")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.pk and "content_type" not in kwargs and "content_type_id" not in kwargs:
            # Task sets the concrete model's type; a proxy needs its own to be "specific".
            self.content_type = ContentType.objects.get_for_model(self, for_concrete_model=False)

    @staticmethod
    def submitted_by(obj, user):
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self.submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
        )

    def on_action(self, task_state, user, action_name, **kwargs):
        result = super().on_action(task_state, user, action_name, **kwargs)
        from pledges.moderation import report_decision

        report_decision(task_state, action_name)
        return result

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve; the person who submitted the page cannot "
            "approve it."
        )
