from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    """Site-wide pages, settings, navigation and shared blocks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "hub"
    verbose_name = _("Site")

    def ready(self):
        from hub import frontend_cache, pagecache

        pagecache.connect_signals()
        frontend_cache.connect_signals()
