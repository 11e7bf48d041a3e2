"""Thin views: the practice library (HTML and JSON) and site-wide search.

Each parses the query string with a form, calls one service, renders.
"""

from dataclasses import replace

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from hub.fragments import cached, locale_code
from hub.i18n import base_language
from hub.models import SiteSettings
from search.forms import SORT_CHOICES, IgnoredValue, PracticeQueryForm
from search.services import library_vocabulary, search_practices
from search.site_search import SiteSearchForm, site_search

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _page_links(result, filters, around=2):
    """Numbered pagination: first, last and ``around`` pages either side of the current."""
    numbers = sorted(
        {1, result.pages}
        | {n for n in range(result.page - around, result.page + around + 1) if n >= 1}
    )
    links, previous = [], 0
    for number in numbers:
        if number > result.pages:
            continue
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {
                "number": number,
                "query": filters.query_string(page=number),
                "current": number == result.page,
            }
        )
        previous = number
    return links


def practice_library_context(request, page):
    """Everything the library template needs, from one call to the service.

    The search runs only when the template draws the form and results: not
    when they come from its cached fragment (the same query string, language,
    index version and content generation).
    """
    vocabulary = library_vocabulary(locale_code(request, page))
    form = PracticeQueryForm(request.GET, vocabulary=vocabulary)
    filters = form.cleaned_filter

    def search():
        result = search_practices(filters, vocabulary=vocabulary)
        if result.page_clamped:
            form.ignore("page", str(filters.page), _("past the last page"))
        shown = replace(filters, page=result.page)  # the page actually shown
        return {
            "filters": shown,
            "result": result,
            "ignored": form.ignored,
            "page_links": _page_links(result, shown),
            "previous_query": (
                shown.query_string(page=result.page - 1) if result.has_previous else ""
            ),
            "next_query": shown.query_string(page=result.page + 1) if result.has_next else "",
        }

    found = SimpleLazyObject(search)
    return {
        "form": form,
        **{name: _lazy_item(found, name) for name in LAZY_LIBRARY_CONTEXT},
        "sort_choices": SORT_CHOICES,
        "search_query": "",
        # The results' cached fragment is keyed by the index's version too: a
        # practice indexed or removed shows at once, whatever moved the index.
        "index_version": vocabulary.version,
    }


LAZY_LIBRARY_CONTEXT = (
    "filters",
    "result",
    "ignored",
    "page_links",
    "previous_query",
    "next_query",
)


def _lazy_item(found, name):
    return SimpleLazyObject(lambda: found[name])


@require_safe
def practices_api(request):
    """``/api/practices/``: the library as JSON, same parameters (plus ``lang``)."""
    ignored = []
    language = base_language(request.GET.get("lang") or settings.LANGUAGE_CODE)
    if language not in LANGUAGE_CODES:
        ignored.append(IgnoredValue("lang", request.GET.get("lang", ""), _("unknown language")))
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        vocabulary = library_vocabulary(language)

        def build():
            form = PracticeQueryForm(request.GET, vocabulary=vocabulary)
            filters = form.cleaned_filter
            result = search_practices(filters, vocabulary=vocabulary, links=False)
            if result.page_clamped:
                form.ignore("page", str(filters.page), _("past the last page"))
            shown_ignored = [*ignored, *form.ignored]
            results = []
            for hit in result.results:
                item = hit.as_dict()
                item["url"] = request.build_absolute_uri(hit.url)
                results.append(item)
            data = {
                "count": result.count,
                "page": result.page,
                "pages": result.pages,
                "language": language,
                "results": results,
                "facets": {
                    facet.name: [value.as_dict() for value in facet.values]
                    for facet in result.facets
                },
                "ignored": [item.as_dict() for item in shown_ignored],
            }
            return data

        # The same answer for the same parameters, host, index version and content
        # generation: built once, then read from the cache.
        key = (
            f"practices-api:{request.scheme}://{request.get_host()}:{vocabulary.version}:"
            f"{request.GET.urlencode()}"
        )
        data = cached(request, key, build)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def site_search_view(request):
    """``/<lang>/search/?q=``: every page type, grouped, with editors' promoted results.

    The words are stored (for the search reports) only when an editor turned
    on "record search terms" in the site settings.
    """
    form = SiteSearchForm(request.GET)
    query = form.cleaned_query
    found = None
    record = False
    if query:
        record = SiteSettings.for_request(request).record_search_terms
        language = base_language()
        if record:
            found = site_search(query, language, record=True, request=request)
        else:
            # Searched only when the results are drawn: not when they come from the
            # template's cached fragment (the same words, language and content).
            found = SimpleLazyObject(lambda: site_search(query, language, request=request))
    return render(
        request,
        "search/site_search.html",
        {
            "form": form,
            "search_query": query,
            "found": found,
            "ignored": form.ignored,
            "record_search_terms": record,
        },
    )
