"""The campaign's figures, from the practice library's own counts: one service for every page.

The call-to-action page, the home page and the live report all read
``report_data(language)`` (or its headline part, ``campaign_figures``). The
counts come from ``search.services.search_practices`` with no filter, the
call the practice library itself answers, so every number here is the
number of results the library shows for the same filter in the same
language, and each one links there. What the library has no facet for is
derived from facets it has: a sub-region is the OR of its countries (each
practice has one country), and the directory and LRG count read the
library's own index records.

Everything returned is plain data (strings, numbers, lists, dicts), so an
edition can store it as a JSON snapshot and render it again unchanged.
A fixed number of queries, whatever the amount of content; ``cached_report_data``
keeps it per language and content generation.
"""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hub.fragments import cached
from hub.i18n import base_language
from pledges.regions import REGION_CHOICES, SUBREGION_CHOICES, m49_table
from search.facets import country_labels
from search.forms import PracticeFilter
from search.models import PracticeLibraryPage, PracticeRecord
from search.services import library_vocabulary, search_practices

# Facets the report tables, in the report's order; every value the vocabulary
# knows is shown for these (zeros too), the others show the values found.
ALL_VALUES = ("theme", "gcm", "gcr", "gcr_objective", "sdg", "status")


@dataclass(frozen=True)
class ThemeFigure:
    """One theme's count, as the call-to-action and home pages list them."""

    slug: str
    label: str
    action_count: int


def _query(facet_values):
    """The library's query string for ``[(facet, value), ...]`` (values of one facet are OR-ed)."""
    return "?" + urlencode(facet_values)


def _library_url(language):
    library = (
        PracticeLibraryPage.objects.live()
        .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
        .order_by("pk")
    )
    pages = {page.locale.language_code: page for page in library}
    page = pages.get(language) or pages.get(settings.LANGUAGE_CODE)
    return (page.get_url() if page else "") or f"/{language}/practices/"


def _rows(facet, counts, labels):
    values = labels if facet in ALL_VALUES else [v for v in labels if counts.get(v)]
    return [
        {
            "value": value,
            "label": labels[value],
            "count": counts.get(value, 0),
            "query": _query([(facet, value)]),
        }
        for value in values
    ]


def _region_rows(counts, labels):
    """Each region with a practice, then its sub-regions (an OR of their countries)."""
    countries_by_subregion = defaultdict(list)
    for code, (_region, subregion) in m49_table().items():
        if counts["country"].get(code):
            countries_by_subregion[subregion].append(code)
    subregion_labels = dict(SUBREGION_CHOICES)
    rows = []
    for region, _label in REGION_CHOICES:
        if not counts["region"].get(region):
            continue
        rows.append(
            {
                "value": region,
                "label": labels["region"][region],
                "count": counts["region"][region],
                "query": _query([("region", region)]),
                "level": 1,
            }
        )
        for subregion, _label in SUBREGION_CHOICES:
            codes = sorted(countries_by_subregion.get(subregion, ()))
            if not codes or m49_table()[codes[0]][0] != region:
                continue
            rows.append(
                {
                    "value": subregion,
                    "label": str(subregion_labels[subregion]),
                    "count": sum(counts["country"][code] for code in codes),
                    "query": _query([("country", code) for code in codes]),
                    "level": 2,
                }
            )
    return rows


def _gcr_rows(counts, vocabulary, groups):
    """GCR areas in need of support, each under its group of the compact (a heading row)."""
    rows, current = [], None
    for value, label in vocabulary.labels["gcr"].items():
        group = groups.get(value, "")
        if group and group != current:
            rows.append({"heading": group})
            current = group
        rows.append(
            {
                "value": value,
                "label": label,
                "count": counts["gcr"].get(value, 0),
                "query": _query([("gcr", value)]),
            }
        )
    return rows


def _gcr_groups(language):
    """{area code: its group's title in the language}: one query."""
    from pledges.models import GCRArea

    rows = GCRArea.objects.filter(
        locale__language_code__in={settings.LANGUAGE_CODE, language}
    ).values_list("translation_key", "locale__language_code", "code", "group")
    codes, groups = {}, {}
    for key, code_language, code, group in rows:
        if code_language == settings.LANGUAGE_CODE:
            codes[key] = code
        if code_language == language or key not in groups:
            groups[key] = group
    return {code: groups.get(key, "") for key, code in codes.items()}


def _directory(language, counts, labels):
    """Participating LRGs by region, each with its practices (as the library lists them)."""
    records = (
        PracticeRecord.objects.filter(language=language)
        .annotate(
            lrg_key=F("page__localactionpage__local_government__translation_key"),
            lrg_slug=F("page__localactionpage__local_government__slug"),
        )
        .values("title", "url", "lrg", "country", "region", "lrg_key", "lrg_slug")
        .order_by("lrg", "sort_title")
    )
    governments = {}
    for record in records:
        key = record["lrg_key"] or f"{record['lrg']}:{record['country']}"
        government = governments.get(key)
        if government is None:
            government = governments[key] = {
                "name": record["lrg"],
                "country": record["country"],
                "country_name": labels["country"].get(record["country"], record["country"]),
                "region": record["region"],
                "url": (
                    reverse("pledges:local_government", kwargs={"slug": record["lrg_slug"]})
                    if record["lrg_slug"]
                    else ""
                ),
                "actions": [],
            }
        government["actions"].append({"title": record["title"], "url": record["url"]})
    regions = []
    for region, _label in [*REGION_CHOICES, ("", "")]:
        members = sorted(
            (g for g in governments.values() if g["region"] == region),
            key=lambda g: (g["country_name"].casefold(), g["name"].casefold()),
        )
        if members:
            regions.append(
                {
                    "value": region,
                    "label": labels["region"].get(region) or _("Other"),
                    "governments": members,
                }
            )
    return regions, len(governments)


def _endorsers_by_country():
    """{country code: approved endorsements listed in the public register}: one query."""
    from django.db.models import Count

    from pledges.services import endorsers

    rows = endorsers().order_by().values("country").annotate(n=Count("pk"))
    return {row["country"]: row["n"] for row in rows}


def _map(counts, endorsements, language, library_url):
    names = country_labels(language)
    codes = set(counts["country"]) | set(endorsements)
    entries = [
        {
            "code": code,
            "name": names.get(code, code),
            "practices": counts["country"].get(code, 0),
            "endorsers": endorsements.get(code, 0),
            "query": _query([("country", code)]),
        }
        for code in codes
    ]
    return sorted(entries, key=lambda entry: entry["name"].casefold())


def report_data(language):
    """Figures, tables, map and directory of the live report in one language.

    Eight queries whatever the amount of content (the library's version,
    one page of one hit, the library's address, the GCR groups, the index
    records of the directory, the endorsements), and the vocabulary's when
    taxonomies changed.
    """
    language = base_language(language)
    with translation.override(language):
        vocabulary = library_vocabulary(language)
        result = search_practices(
            PracticeFilter.build(language), vocabulary=vocabulary, per_page=1, links=False
        )
        counts = {facet.name: {v.value: v.count for v in facet.values} for facet in result.facets}
        labels = dict(vocabulary.labels)
        labels["country"] = country_labels(language)
        library_url = _library_url(language)
        directory, governments = _directory(language, counts, labels)
        endorsements = _endorsers_by_country()
        years = {value: value for value in sorted(counts["year"], key=int)}
        tables = [
            {
                "key": "theme",
                "title": _("Local actions per theme"),
                "heading": _("Theme"),
                "rows": _rows("theme", counts["theme"], labels["theme"]),
            },
            {
                "key": "gcm",
                "title": _("Local actions per objective of the Global Compact for Migration"),
                "heading": _("GCM objective"),
                "rows": _rows("gcm", counts["gcm"], labels["gcm"]),
            },
            {
                "key": "gcr",
                "title": _("Local actions per area of the Global Compact on Refugees"),
                "heading": _("GCR objective and area in need of support"),
                "rows": _gcr_rows(counts, vocabulary, _gcr_groups(language)),
            },
            {
                "key": "gcr_objective",
                "title": _("Local actions per objective of the Global Compact on Refugees"),
                "heading": _("GCR objective"),
                "rows": _rows("gcr_objective", counts["gcr_objective"], labels["gcr_objective"]),
            },
            {
                "key": "sdg",
                "title": _("Local actions per Sustainable Development Goal"),
                "heading": _("Sustainable Development Goal"),
                "rows": _rows("sdg", counts["sdg"], labels["sdg"]),
            },
            {
                "key": "region",
                "title": _("Local actions per region and sub-region"),
                "heading": _("Region and sub-region"),
                "rows": _region_rows(counts, labels),
            },
            {
                "key": "year",
                "title": _("Local actions per start year"),
                "heading": _("Start year"),
                "rows": _rows("year", counts["year"], years),
            },
            {
                "key": "status",
                "title": _("Local actions per status"),
                "heading": _("Status"),
                "rows": _rows("status", counts["status"], labels["status"]),
            },
        ]
        return {
            "language": language,
            "computed_at": timezone.now().isoformat(),
            "library_url": library_url,
            "figures": {
                "actions": result.count,
                "governments": governments,
                "countries": len(counts["country"]),
                "endorsers": sum(endorsements.values()),
                "regions": len(counts["region"]),
            },
            "tables": tables,
            "map": _map(counts, endorsements, language, library_url),
            "directory": directory,
        }


def cached_report_data(request, language):
    """``report_data(language)``, kept per language and content generation."""
    language = base_language(language)
    with translation.override(language):
        return cached(request, f"report-data:{language}", lambda: report_data(language))


def campaign_figures(request=None, language=None):
    """The headline figures the call-to-action and home pages show, from ``report_data``.

    ``{"actions", "governments", "countries", "endorsers", "regions", "themes":
    [ThemeFigure, ...]}``; cached with the report's data when ``request`` is given.
    """
    language = base_language(language or translation.get_language() or settings.LANGUAGE_CODE)
    data = cached_report_data(request, language) if request else report_data(language)
    themes = next(table for table in data["tables"] if table["key"] == "theme")["rows"]
    return {
        **data["figures"],
        "themes": [ThemeFigure(row["value"], row["label"], row["count"]) for row in themes],
    }
