from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    """The campaign: call to action, endorsements, local actions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pledges"
    verbose_name = _("Campaign")

    def ready(self):
        from hub.home import register_home_section
        from pledges.services import home_section_context

        register_home_section(
            "pledges-campaign", "pledges/home_section.html", home_section_context, order=10
        )
