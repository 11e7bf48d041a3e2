"""Which view restrictions apply to a page being served, without a query per request.

Wagtail's ``check_view_restrictions`` and our ``keep_restricted_pages_private``
(hub/wagtail_hooks.py) both ask, for every page served, which restrictions
(password, login, groups) apply to it. The answer comes from a small map read
once per site generation (every change to a restriction or a page moves the
generation on): the restrictions with their pages' paths, and the aliases
whose source is in a private section. Both lists grow with the private
sections, not with the content. The rules are those of
``Page.get_view_restrictions`` (Wagtail's: the page's and its ancestors'
restrictions, an alias taking its source's) and of ``hub.visibility.is_private``
(ours: an alias of any page in a private section is private too).
"""

from wagtail.models import Page, PageViewRestriction

from hub.chrome_cache import cached_fragment
from hub.visibility import _private_sources


def _restriction_map():
    restrictions = list(
        PageViewRestriction.objects.values_list("pk", "page_id", "page__path").order_by("pk")
    )
    if not restrictions:
        return {"restrictions": [], "aliases": [], "exact": True}
    aliases = list(
        Page.objects.filter(alias_of__in=_private_sources()).values_list(
            "path", "alias_of_id", "alias_of__alias_of_id"
        )
    )
    return {
        "restrictions": restrictions,
        "aliases": [(path, source_id) for path, source_id, _ in aliases],
        # An alias of an alias: Wagtail follows the chain; leave that to its own query.
        "exact": all(source_of_source is None for _, _, source_of_source in aliases),
    }


def restriction_map(request):
    return cached_fragment(request, "view-restrictions", _restriction_map)


def serving_restrictions(request, page):
    """``(restriction ids Wagtail applies, is private by our rule)``, or None if unknown."""
    data = restriction_map(request)
    if not data["restrictions"]:
        return [], False
    if not data["exact"]:
        return None
    path = page.path
    above = [
        (pk, page_id) for pk, page_id, r_path in data["restrictions"] if path.startswith(r_path)
    ]
    aliases_above = [source_id for a_path, source_id in data["aliases"] if path.startswith(a_path)]
    # Wagtail: the restrictions on the page and its ancestors, and on an alias's source.
    ids = [pk for pk, _page_id in above]
    ids += [
        pk
        for pk, page_id, _r_path in data["restrictions"]
        if page_id in aliases_above and pk not in ids
    ]
    return ids, bool(above or aliases_above)
