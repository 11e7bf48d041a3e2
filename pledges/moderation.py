"""The moderators' workflow in the admin: its names in the editor's language, what a
decision says, and where a submission's case study stands.

*Names.* Workflows and tasks are database rows; the site's own ("Moderators
approval") is stored in English and shown translated: when a row is loaded its
name is replaced by the translation in the active language, and put back to
the English original before it is saved. A name someone typed in the admin is
shown as typed.

*Decisions.* Wagtail's approve and reject actions (on the edit page and in the
dashboard's modal) say nothing once done; ``CaseStudyApprovalTask.on_action``
reports the decision here and ``WorkflowDecisionMessageMiddleware`` turns it
into a message on the page the moderator lands on.
"""

from contextvars import ContextVar

from django.contrib import messages
from django.db.models.signals import post_init, pre_save
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Task, Workflow, WorkflowState

# The rows the site creates, by their stored (English) name.
TRANSLATED_NAMES = {
    "Moderators approval": _("Moderators approval"),
}


def _originals():
    """{name in any of the site's languages: stored English name}."""
    from django.conf import settings

    originals = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for stored, label in TRANSLATED_NAMES.items():
                originals[str(label)] = stored
    return originals


def show_translated_name(sender, instance, **kwargs):
    label = TRANSLATED_NAMES.get(instance.__dict__.get("name"))
    if label is not None:
        instance.name = str(label)


def store_original_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    if name and name not in TRANSLATED_NAMES:
        instance.name = _originals().get(name, name)


def connect_signals():
    """Called from ``PledgesConfig.ready``: every Workflow and Task subclass."""
    from wagtail.workflows import get_task_types

    for model in (Workflow, Task, *get_task_types()):
        uid = f"pledges-translated-name-{model._meta.label_lower}"
        post_init.connect(show_translated_name, sender=model, dispatch_uid=uid)
        pre_save.connect(store_original_name, sender=model, dispatch_uid=uid)


# --- Decisions ---------------------------------------------------------------------------

_decisions = ContextVar("workflow_decisions", default=None)


def report_decision(task_state, action_name):
    """Remember an approve/reject for the message shown after the redirect."""
    pending = _decisions.get()
    if pending is not None:
        title = str(task_state.workflow_state.content_object)
        pending.append((action_name, title, task_state.workflow_state.status))


def decision_message(action_name, title, workflow_status):
    """What the moderator reads after deciding."""
    if action_name == "reject":
        message = _(
            "Changes requested on “%(title)s”: it went back to the person who submitted it."
        )
    elif workflow_status == WorkflowState.STATUS_APPROVED:
        message = _("“%(title)s” approved and published.")
    else:
        message = _("“%(title)s” approved; it moves on to the next step.")
    return message % {"title": title}


class WorkflowDecisionMessageMiddleware:
    """Adds "approved and published" / "changes requested" after a workflow action."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        token = _decisions.set([])
        try:
            response = self.get_response(request)
            for action_name, title, status in _decisions.get():
                messages.success(request, decision_message(action_name, title, status))
        finally:
            _decisions.reset(token)
        return response


# --- Where a submission's case study stands ------------------------------------------------

DRAFT = "draft"
IN_MODERATION = "in_moderation"
LIVE = "live"
CASE_STUDY_STATES = {
    DRAFT: _("Draft"),
    IN_MODERATION: _("In moderation"),
    LIVE: _("Live"),
}


def case_study_state(page, *, in_moderation=None):
    """``(state, label, admin_url, public_url)`` of a case study, or None without one.

    ``in_moderation`` may be given when the caller already knows (a listing
    annotates it); otherwise one query asks.
    """
    if page is None:
        return None
    if in_moderation is None:
        in_moderation = page.workflow_in_progress
    if in_moderation:
        state = IN_MODERATION
    elif page.live:
        state = LIVE
    else:
        state = DRAFT
    public_url = page.get_url() if state == LIVE else None
    return (
        state,
        CASE_STUDY_STATES[state],
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        public_url,
    )
