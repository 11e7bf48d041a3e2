from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The practice library and site search."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search import signals

        signals.connect()
        post_migrate.connect(_fill_practice_index, sender=self)


def _fill_practice_index(sender, using="default", **kwargs):
    """An empty practice index beside live practices (an upgrade that reshaped it) is rebuilt."""
    from search.indexing import rebuild_if_empty

    if using == "default":
        rebuild_if_empty()
