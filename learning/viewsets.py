"""Admin of the knowledge hub: the live report's editions."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from learning.report.models import LiveReportPage, ReportEdition


class FreezeEditionView(CreateView):
    """ "Freeze now": a new edition stores the live report's data in every language as it is.

    Reached from the live report's "Freeze an edition" button (``?report=<id>``,
    which preselects it) or from Snippets → Report editions → Add.
    """

    def get_initial(self):
        initial = super().get_initial()
        report_id = self.request.GET.get("report", "")
        if report_id.isdigit() and LiveReportPage.objects.filter(pk=report_id).exists():
            initial["report"] = int(report_id)
        return initial

    def save_instance(self):
        instance = super().save_instance()  # ReportEdition.save() freezes the data
        messages.info(
            self.request,
            _("The live report's figures, tables, charts, map and directory are frozen in it."),
        )
        return instance


class ReportEditionViewSet(SnippetViewSet):
    """Editions of the live report; creating one freezes the report's data."""

    model = ReportEdition
    icon = "doc-full-inverse"
    menu_label = _("Report editions")
    add_to_admin_menu = False
    list_display = ["title", "report", "frozen_at"]
    ordering = ["-frozen_at"]
    add_view_class = FreezeEditionView
