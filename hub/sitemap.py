"""A sitemap of every live public page in every language."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from hub.visibility import public_pages


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists one site's tree; ours adds each locale's tree.

    Addresses start from the Site's root URL, as the pages' canonical and
    hreflang links do (hub.seo). Aliases are left out: each points search
    engines to its original, which is listed.
    """

    def items(self):
        return (
            public_pages(Page.objects)
            .filter(depth__gt=1, alias_of__isnull=True)
            .exclude(url_path="")
            .order_by("path")
            .specific()
        )
