"""A sitemap of every live public page in every language."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists one site's tree; ours adds each locale's tree."""

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .exclude(url_path="")
            .order_by("path")
            .specific()
        )
