"""Admin viewsets of the site-wide snippets: navigation, footer text, partners.

Registered in ``hub/wagtail_hooks.py``, grouped under one "Site" menu.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.admin_columns import YesNoColumn
from hub.models import FooterText, NavigationMenu, Partner


class NavigationMenuViewSet(SnippetViewSet):
    """The menus (main menu, footer menu) in each language."""

    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Menus")
    list_display = ["__str__", "locale"]
    list_filter = ["slot"]


class FooterTextViewSet(SnippetViewSet):
    """The footer's text, one per language."""

    model = FooterText
    icon = "doc-full"
    menu_label = _("Footer text")


class PartnerViewSet(SnippetViewSet):
    """The partner organisations, some shown in the footer."""

    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = [
        "name",
        "short_name",
        "url",
        YesNoColumn("show_in_footer", label=_("Shown in the footer")),
    ]
    list_filter = ["show_in_footer"]
    # Searched with the ORM: the name or the short name ("UNHCR"), in every language.
    search_fields = ["name", "short_name"]
    search_backend_name = None


class SiteViewSetGroup(SnippetViewSetGroup):
    """The "Site" menu of the admin: menus, footer text, partners."""

    items = (NavigationMenuViewSet, FooterTextViewSet, PartnerViewSet)
    menu_icon = "site"
    menu_label = _("Site")
    menu_name = "site"
    menu_order = 300
