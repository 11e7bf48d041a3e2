"""Admin hooks of the knowledge hub: they only register (views live in viewsets.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from learning.report.models import LiveReportPage
from learning.viewsets import ReportEditionViewSet

register_snippet(ReportEditionViewSet)


def _freeze_button(page, user, priority):
    if page.specific_class is LiveReportPage and user.has_perm("learning.add_reportedition"):
        return Button(
            _("Freeze an edition"),
            reverse("wagtailsnippets_learning_reportedition:add") + f"?report={page.pk}",
            icon_name="doc-full-inverse",
            priority=priority,
        )
    return None


@hooks.register("register_page_header_buttons")
def freeze_edition_header_button(page, user, view_name, next_url=None):
    button = _freeze_button(page, user, priority=45)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def freeze_edition_listing_button(page, user, next_url=None):
    button = _freeze_button(page, user, priority=48)
    if button:
        yield button
