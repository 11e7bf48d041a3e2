"""Admin menus for the site-wide snippets: navigation, footer text, partners."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.models import FooterText, NavigationMenu, Partner


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Menus")
    list_display = ["__str__", "locale"]
    list_filter = ["slot"]


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Footer text")


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "short_name", "url", "show_in_footer"]
    list_filter = ["show_in_footer"]
    search_fields = ["name"]


class SiteViewSetGroup(SnippetViewSetGroup):
    items = (NavigationMenuViewSet, FooterTextViewSet, PartnerViewSet)
    menu_icon = "site"
    menu_label = _("Site")
    menu_name = "site"
    menu_order = 300


register_snippet(SiteViewSetGroup)
