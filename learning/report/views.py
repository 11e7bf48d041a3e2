"""The live report, its editions and their PDFs: read the data, shape it, render.

The live report's data comes from ``learning.report.figures`` (cached per
language and content generation); an edition's from its stored snapshot.
Both go through ``report_view`` so they render alike, on screen and in print.
"""

from functools import partial

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hub.fragments import cached, locale_code
from hub.i18n import localized
from hub.visibility import public_pages
from learning.report.charts import bar_chart, world_map
from learning.report.figures import cached_report_data

# The tables drawn as bar charts, and whether their labels are numbers (GCM, GCR, SDG).
CHARTS = {
    "theme": False,
    "gcm": True,
    "gcr_objective": True,
    "sdg": True,
    "region": False,
    "year": False,
}


def _is_rtl(language):
    try:
        return bool(get_language_info(language)["bidi"])
    except KeyError:
        return False


def report_view(data, language, *, print_version=False):
    """What the report templates show for one language's data (live or frozen)."""
    rtl = _is_rtl(language)
    library_url = data.get("library_url", "")
    tables = []
    for table in data.get("tables", []):
        rows = [
            {**row, "url": library_url + row["query"]} if "query" in row else row
            for row in table["rows"]
        ]
        numbered = CHARTS.get(table["key"])
        chart = None
        if numbered is not None and any("count" in row for row in rows):
            chart = bar_chart(rows, rtl=rtl, numbered=numbered)
        tables.append({**table, "rows": rows, "chart": chart, "anchor": f"table-{table['key']}"})
    entries = [
        {**entry, "url": library_url + entry["query"]} if entry.get("query") else entry
        for entry in data.get("map", [])
    ]
    figures = data.get("figures", {})
    directory = data.get("directory", [])
    return {
        "data": data,
        "figures": figures,
        "tables": tables,
        "map": world_map(entries, coarse=print_version) if entries else None,
        "map_entries": entries,
        # The PDF (the publication) lists every action; the page, three per government.
        "directory": directory if print_version else _directory_view(directory),
        "rtl": rtl,
        "library_url": library_url,
        "toc": contents(tables, bool(entries), bool(data.get("directory"))),
    }


# A government's local actions listed in the on-screen directory; past these, a link to
# its profile (which lists them all) says how many more there are. The PDF lists them all.
DIRECTORY_ACTIONS_SHOWN = 3


def _directory_view(regions):
    """The directory as drawn: at most ``DIRECTORY_ACTIONS_SHOWN`` actions per government
    that has a profile page, and the number of the others."""
    drawn = []
    for region in regions:
        governments = []
        for government in region["governments"]:
            actions = government["actions"]
            shown = actions if not government["url"] else actions[:DIRECTORY_ACTIONS_SHOWN]
            governments.append({**government, "actions": shown, "more": len(actions) - len(shown)})
        drawn.append({**region, "governments": governments})
    return drawn


def _featured(page, language):
    """The selected case studies, each in the reader's language where translated."""
    from pledges.models import LocalActionPage

    blocks = [block for block in page.case_studies if block.value.get("page")]
    live = public_pages(LocalActionPage.objects).select_related("local_government")
    pages = {p.pk: p for p in live.filter(pk__in=[b.value["page"].pk for b in blocks])}
    originals = [pages[b.value["page"].pk] for b in blocks if b.value["page"].pk in pages]
    shown = localized(originals, language, queryset=live)
    notes = {b.value["page"].pk: b.value.get("note", "") for b in blocks}
    return [
        {"page": shown_page, "note": notes.get(original.pk, "")}
        for original, shown_page in zip(originals, shown, strict=True)
    ]


def live_report_context(request, page, *, print_version=False):
    """The live report page's context: the report's data in the page's language.

    The charts, map and directory are drawn only when the template draws the
    report: not when the page's content comes from its cached fragment.
    """
    language = locale_code(request, page)
    view = SimpleLazyObject(
        lambda: report_view(
            cached_report_data(request, language), language, print_version=print_version
        )
    )
    context = {name: SimpleLazyObject(partial(_item, view, name)) for name in REPORT_CONTEXT}
    context["featured"] = SimpleLazyObject(
        lambda: cached(request, f"report-featured:{page.pk}", lambda: _featured(page, language))
    )
    context["editions"] = SimpleLazyObject(
        lambda: cached(request, f"report-editions:{page.pk}", lambda: edition_links(request, page))
    )
    context["report_page"] = page
    context["pdf_url"] = report_pdf_url(request, page)
    return context


# What ``report_view`` gives the templates, each read only when drawn.
REPORT_CONTEXT = (
    "data",
    "figures",
    "tables",
    "map",
    "map_entries",
    "directory",
    "rtl",
    "library_url",
    "toc",
)


def _item(view, name):
    return view[name]


def edition_links(request, page):
    """The report's editions, newest first: ``{"title", "url", "frozen_at"}``; one query."""
    base = page.get_url(request) or ""
    return [
        {
            "title": edition.title,
            "url": base + page.reverse_subpage("edition", kwargs={"slug": edition.slug}),
            "frozen_at": edition.frozen_at,
        }
        for edition in page.editions().only("title", "slug", "frozen_at")
    ]


def report_pdf_url(request, page):
    """``…/call-to-local-action/report.pdf`` of the report's call-to-action page."""
    url = page.get_url(request) or ""
    return url.rstrip("/").rsplit("/", 1)[0] + "/report.pdf" if url else ""


def edition_page(request, page, edition):
    language = locale_code(request, page)
    context = report_view(edition.data(language), language)
    context.update(
        {
            "page": page,
            "self": page,
            "edition": edition,
            "report_page": page,
            "pdf_url": page.get_url(request)
            + page.reverse_subpage("edition", kwargs={"slug": edition.slug})
            + "report.pdf",
        }
    )
    return render(request, "learning/report_edition_page.html", context)


def render_pdf(request, context, language):
    """The report as a PDF (WeasyPrint): cover, contents, page numbers, charts and map."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string("learning/report/report_pdf.html", context)
    # Links in the PDF (library filters, practices) resolve against the site's address.
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()


def _pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _page_at(request, path, model):
    """The live, public page of ``model`` at ``path``, as Wagtail would serve it, else 404."""
    from wagtail.models import Page

    page = Page.find_for_request(request, path)
    if not isinstance(page, model) or page.get_view_restrictions().exists():
        raise Http404
    return page


@require_safe
def live_report_pdf_by_path(request, path):
    """``/<lang>/<call-to-action page>/report.pdf``."""
    from pledges.models import CallToActionPage

    return live_report_pdf(request, _page_at(request, path, CallToActionPage))


@require_safe
def edition_pdf_by_path(request, path, slug):
    """``/<lang>/<live report>/editions/<slug>/report.pdf``."""
    from learning.report.models import LiveReportPage

    page = _page_at(request, path, LiveReportPage)
    return edition_pdf(request, page, page._edition(slug))


def live_report_pdf(request, call_page):
    """``/<lang>/call-to-local-action/report.pdf``: the live report of that page, as a PDF.

    Kept per language and content generation: built again only after the data changed.
    """
    from learning.report.models import LiveReportPage

    page = LiveReportPage.objects.live().public().child_of(call_page).first()
    if page is None:
        raise Http404
    language = locale_code(request, call_page)

    def build():
        context = live_report_context(request, page, print_version=True)
        context.update({"page": page, "edition": None, "language": language})
        return render_pdf(request, context, language)

    content = cached(request, f"report-pdf:{page.pk}", build)
    return _pdf_response(content, f"{slugify(page.title) or 'report'}-{language}.pdf")


def edition_pdf(request, page, edition):
    language = locale_code(request, page)

    def build():
        context = report_view(edition.data(language), language, print_version=True)
        context.update({"page": page, "edition": edition, "language": language})
        return render_pdf(request, context, language)

    content = cached(request, f"edition-pdf:{edition.pk}", build)
    return _pdf_response(content, f"{edition.slug}-{language}.pdf")


def contents(tables, with_map=True, with_directory=True):
    """The report's sections for its table of contents: (anchor, title)."""
    sections = [("key-figures", _("Key figures"))]
    sections += [(table["anchor"], table["title"]) for table in tables]
    if with_map:
        sections.append(("world-map", _("Map of practices and endorsing governments")))
    if with_directory:
        sections.append(
            ("directory", _("Directory of participating local and regional governments"))
        )
    return sections
