"""Admin: the translation status report, in the main menu for editors who translate."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from learning.views import TranslationStatusView


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "translation-status/",
            TranslationStatusView.as_view(),
            name="learning_translation_status",
        )
    ]


class TranslationStatusMenuItem(MenuItem):
    """Shown to users who may submit and sync translations."""

    def is_shown(self, request):
        return request.user.has_perm("wagtail_localize.submit_translation")


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("learning_translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=250,
    )
