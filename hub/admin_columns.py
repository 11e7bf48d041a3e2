"""Listing columns of the admin that read as words in the editor's language.

Wagtail's ``BooleanColumn`` labels its tick and cross "True" and "False" in
English; a raw boolean field shows the same words as text.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A yes/no field shown as a tick or a cross with the word "Yes" or "No" beside it."""

    cell_template_name = "hub/admin/yes_no_cell.html"

    def __init__(self, name, *, yes=None, no=None, **kwargs):
        super().__init__(name, **kwargs)
        self.yes = yes or _("Yes")
        self.no = no or _("No")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        value = context["value"]
        context["is_yes"] = bool(value)
        context["word"] = self.yes if value else self.no
        return context
