"""Admin registrations of the site-wide features: the snippets' "Site" menu, the translation report.

The viewsets live in ``hub/viewsets.py``, the report's view in ``hub/admin_views.py``.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from hub.admin_search import PermissionSearchArea
from hub.admin_views import TranslationStatusMenuItem, TranslationStatusView
from hub.outbox_admin import OutboxViewSet, ResendBulkAction, outbox_panel
from hub.pagecache import mark_private
from hub.serving import serving_restrictions
from hub.translation_status import untranslated_field_warning
from hub.viewsets import SiteViewSetGroup
from hub.visibility import is_private

register_snippet(SiteViewSetGroup)
register_snippet(OutboxViewSet)
hooks.register("register_bulk_action", ResendBulkAction)


@hooks.register("register_settings_menu_item")
def register_outbox_menu_item():
    from wagtail.admin.menu import MenuItem

    class OutboxMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("post_office.view_email")

    return OutboxMenuItem(
        _("Outbox"), reverse("wagtailsnippets_post_office_email:list"), icon_name="mail", order=900
    )


@hooks.register("before_serve_page", order=-1)
def keep_restricted_pages_private(page, request, serve_args, serve_kwargs):
    """A page behind a password, a login or a group is never kept by any cache.

    Also tells the page which restrictions Wagtail's own check (the next hook)
    applies, from the map of restrictions kept per site generation: no query
    for a public page (hub.serving).
    """
    known = serving_restrictions(request, page)
    if known is None:
        private = is_private(page)  # one query
    else:
        ids, private = known
        page._serving_view_restriction_ids = ids
    if private:
        mark_private(request)


@hooks.register("construct_homepage_panels")
def add_outbox_panel(request, panels):
    panel = outbox_panel(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "translation-status/",
            TranslationStatusView.as_view(),
            name="hub_translation_status",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("hub_translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=250,
    )


@hooks.register("register_admin_search_area")
def partners_search_area():
    return PermissionSearchArea(
        _("Partners"),
        reverse("wagtailsnippets_hub_partner:list"),
        name="partners",
        icon_name="group",
        order=330,
        permissions=["hub.view_partner", "hub.add_partner", "hub.change_partner"],
    )


@hooks.register("before_edit_page", order=-10)
def name_untranslated_page_fields(request, page):
    untranslated_field_warning(request, page)


@hooks.register("before_edit_snippet", order=-10)
def name_untranslated_snippet_fields(request, instance):
    if hasattr(instance, "translation_key"):
        untranslated_field_warning(request, instance)
