"""Site-wide search: every live, public page of the visitor's language, grouped by type.

It goes through Wagtail's configured search backend (database or
Elasticsearch) and puts the editors' promoted results
(``wagtail.contrib.search_promotions``) first.
"""

import logging
import re
from dataclasses import dataclass, field

from django import forms
from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from hub.fragments import cached
from hub.i18n import localized
from hub.visibility import public_page_ids, searchable_public_pages

MAX_LENGTH = 200
MAX_RESULTS = 60
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
WORD = re.compile(r"\w+", re.UNICODE)
logger = logging.getLogger(__name__)

# Group order and headings; other page types come last under "Pages".
GROUPS = [
    ("pledges.localactionpage", _("Practices")),
    ("learning.newspage", _("News")),
    ("events.eventpage", _("Events")),
    ("learning.reportpage", _("Reports")),
    ("learning.resourcepage", _("Resources")),
]
OTHER_GROUP = ("other", _("Pages"))


class SiteSearchForm(forms.Form):
    """The header's search box; too long or control characters are cut, never an error."""

    q = forms.CharField(label=_("Search the site"), required=False, max_length=MAX_LENGTH)

    def __init__(self, data, **kwargs):
        self.ignored = []
        q = CONTROL_CHARACTERS.sub(" ", data.get("q", "") or "")
        q = " ".join(q.split())
        if len(q) > MAX_LENGTH:
            self.ignored.append(
                _("The search was shortened to %(n)s characters.") % {"n": MAX_LENGTH}
            )
            q = q[:MAX_LENGTH].rstrip()
        super().__init__({"q": q}, **kwargs)

    @property
    def cleaned_query(self):
        return self.cleaned_data["q"] if self.is_valid() else ""


@dataclass
class ResultGroup:
    """The results of one page type."""

    key: str
    label: str
    results: list = field(default_factory=list)


@dataclass
class SiteSearchResult:
    query: str
    promoted: list
    groups: list

    @property
    def count(self):
        return len(self.promoted) + sum(len(group.results) for group in self.groups)


def _group_key(page):
    meta = page.specific_class._meta if page.specific_class else page._meta
    return f"{meta.app_label}.{meta.model_name}"


def _with_summaries(ids):
    """The pages ``ids`` (plain ``Page`` rows, by id) with their ``summary``; two queries.

    The results show a title, an address and a summary: the type-specific rows
    are not needed, only the summary every ``BasePage`` type has, read for all
    types at once in one UNION query instead of a query per page type.
    """
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids)}
    by_model = {}
    for page in pages.values():
        model = page.specific_class
        if model is not None and any(f.name == "summary" for f in model._meta.concrete_fields):
            by_model.setdefault(model, []).append(page.pk)
    queries = [
        model.objects.filter(pk__in=pks).values_list("pk", "summary").order_by()
        for model, pks in by_model.items()
    ]
    summaries = dict(queries[0].union(*queries[1:], all=True)) if queries else {}
    for pk, summary in summaries.items():
        pages[pk].summary = summary
    return pages


def promotion_query(query, *, record=False):
    """The editors' ``Query`` for these words, or None.

    Only with ``record`` (the site settings' "record search terms") is the
    query stored and its hit counted, for the "popular searches" and
    promotions reports; otherwise nothing the visitor typed is written.
    """
    if not query:
        return None
    if record:
        found = Query.get(query)
        found.add_hit()
        return found
    return Query.objects.filter(query_string=normalise_query_string(query)).first()


def site_search(query, language_code, *, record=False, request=None):
    """Promoted pages, then the matching pages grouped by type; a fixed number of queries.

    Only live, public pages (``hub.visibility``) are found or promoted.
    """
    locale_id = cached(
        request,
        f"locale-id:{language_code}",
        lambda: (
            Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()
        ),
    )
    if locale_id is None:
        return SiteSearchResult(query=query, promoted=[], groups=[])
    pages = searchable_public_pages(Page.objects).filter(locale_id=locale_id)
    promoted = []
    editors_query = promotion_query(query, record=record)
    if editors_query is not None:
        picks = list(editors_query.editors_picks.select_related("page").order_by("sort_order"))
        visible = public_page_ids(pick.page_id for pick in picks if pick.page_id)
        picks = [pick for pick in picks if pick.page_id in visible]
        # Each promoted page in the visitor's language when translated, else the original.
        shown = localized((pick.page for pick in picks), language_code, queryset=pages)
        specific = _with_summaries([page.pk for page in shown])
        promoted = [
            {"page": specific[page.pk], "description": pick.description}
            for page, pick in zip(shown, picks, strict=True)
        ]
    promoted_ids = {p["page"].pk for p in promoted}

    # Only words reach the backend: quotes and operators mean nothing to visitors
    # and some backends reject them (SQLite FTS: "unterminated string").
    words = " ".join(WORD.findall(query))
    ids = []
    if words:
        try:
            found = pages.exclude(depth__lte=2).search(words, operator="and")[:MAX_RESULTS]
            ids = [page.pk for page in found if page.pk not in promoted_ids]
        except DatabaseError:
            logger.exception("Site search failed for %r", words)
    by_id = _with_summaries(ids) if ids else {}
    groups = {key: ResultGroup(key, label) for key, label in [*GROUPS, OTHER_GROUP]}
    for pk in ids:
        page = by_id.get(pk)
        if page is None:
            continue
        key = _group_key(page)
        groups.get(key, groups["other"]).results.append(page)
    return SiteSearchResult(
        query=query,
        promoted=promoted,
        groups=[group for group in groups.values() if group.results],
    )
