from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    """The campaign: call to action, endorsements, local actions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pledges"
    verbose_name = _("Campaign")
