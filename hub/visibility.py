"""What anonymous visitors may see: live pages outside every private section.

One rule for every listing, feed, calendar, search index, API, profile and
sitemap. A page is *public* when it is live and neither it nor an ancestor
carries a view restriction (password, login, groups: Wagtail's privacy
setting). An alias (wagtail-localize's synchronised trees) is as private as
its source, as Wagtail serves it: a French alias of a password-protected
English case study, or anything below an alias of a private section, is
private too.

The page's own ``serve`` (which asks for the password) and the admin are not
concerned: they check restrictions themselves.

The rule is a condition inside the query itself (``EXISTS`` subqueries), not
a list of restrictions read beforehand: it costs no query of its own, and a
queryset built before a restriction was added still honours it when it runs.

``public_pages(queryset)`` filters a page queryset; ``is_public(page)`` tests
one page in one query. Wagtail's search backends understand only plain field
lookups, not subqueries: a queryset to ``.search()`` goes through
``searchable_public_pages``, which reads the private sections first (one
query, two when there are some) and filters on their paths.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith

from wagtail.models import Page, PageViewRestriction


def _restriction_above(path_ref):
    """A restriction on the page at ``path_ref`` or on one of its ancestors."""
    return Exists(PageViewRestriction.objects.filter(StartsWith(path_ref, F("page__path"))))


def _private_sources():
    """The pages in a private section (aliases' sources), as a subquery of ids."""
    return Page.objects.filter(_restriction_above(OuterRef("path"))).values("pk")


def is_private_condition():
    """An expression true for the pages in a private section; use in ``filter``/``exclude``."""
    # The page itself, or an ancestor, is restricted.
    restricted = _restriction_above(OuterRef("path"))
    # The page, or an ancestor, is an alias of a page in a private section.
    alias_of_private = Exists(
        Page.objects.filter(
            StartsWith(OuterRef("path"), F("path")),
            depth__lte=OuterRef("depth"),
            alias_of__in=_private_sources(),
        )
    )
    return restricted | alias_of_private


def public_pages(queryset=None):
    """The live, public pages of ``queryset`` (any page model's queryset; all pages by default)."""
    if queryset is None:
        queryset = Page.objects.all()
    return queryset.live().exclude(is_private_condition())


def is_private(page):
    """Whether the page is in a private section (itself, an ancestor or an alias' source is
    restricted), as Wagtail's ``get_view_restrictions`` would say: one query."""
    return Page.objects.filter(pk=page.pk).filter(is_private_condition()).exists()


def is_public(page):
    """Whether anonymous visitors may see this one page (live, in no private section): 1 query."""
    if page is None or page.pk is None or not page.live:
        return False
    return public_pages(Page.objects.filter(pk=page.pk)).exists()


def public_page_ids(ids):
    """The ids among ``ids`` of live, public pages: one query."""
    return set(public_pages().filter(pk__in=list(ids)).values_list("pk", flat=True))


def private_sections():
    """The (path, depth) of the top page of every private section, aliases of private pages
    included: one query when no page is restricted, one more per level of aliases."""
    roots = set(PageViewRestriction.objects.values_list("page__path", "page__depth"))
    frontier = roots
    while frontier:
        found = set(
            Page.objects.filter(alias_of__in=Page.objects.filter(_under(frontier)).values("pk"))
            .exclude(_under(roots))
            .values_list("path", "depth")
        )
        frontier = found - roots
        roots |= frontier
    return sorted(roots)


def _under(sections):
    """A Q matching the pages at or below any of ``sections`` ((path, depth) pairs)."""
    q = Q()
    for path, depth in sections:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q


def searchable_public_pages(queryset=None):
    """``public_pages`` in lookups Wagtail's search backends understand (path prefixes)."""
    if queryset is None:
        queryset = Page.objects.all()
    sections = private_sections()
    return queryset.live().exclude(_under(sections)) if sections else queryset.live()
