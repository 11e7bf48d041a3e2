"""Demo content of the knowledge hub, built from the YAML files beside this module.

The news index and its items (``news.yaml``), the knowledge hub
(``knowledge_hub.yaml``) with the 2022 report (``report.yaml``) and two
resources (``resources.yaml``), and the live report under the call-to-action
page with its 2022 edition (``live_report.yaml``). Idempotent: what exists is kept as it is.
"""

import io
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.documents import get_document_model

from hub.seeding import (
    ensure_child_page,
    load,
    paragraphs,
    publish_child,
    record_translations,
    translate_missing,
    translated_strings,
)
from learning.models import (
    LearningIndexPage,
    NewsIndexPage,
    NewsPage,
    ReportPage,
    ResourcePage,
    ResourceType,
    Topic,
)


def _fields(record):
    """The record's page fields: everything but its translations."""
    return {key: value for key, value in record.items() if key != "translations"}


def _sections(sections):
    """Stream-field blocks: each section's heading (h2), then its paragraphs."""
    body = []
    for section in sections:
        body.append(("heading", {"text": section["heading"], "level": "h2"}))
        body.extend(paragraphs(section["paragraphs"]))
    return body


def _pdf(lines):
    """A one-page PDF drawn with Pillow: enough to show a real download."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((60, 80 + i * 28), line, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF")
    return buffer.getvalue()


def _document(title, filename, lines):
    """The document titled ``title``, created from ``lines`` if missing."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(_pdf(lines)), save=False)
        document.save()
    return document


@transaction.atomic
def seed_news(ctx):
    """The news index in four languages and the seed news items."""
    data = load("learning", "news")
    index = ensure_child_page(
        ctx,
        ctx.home,
        NewsIndexPage,
        translations=record_translations(data["index"]),
        **_fields(data["index"]),
    )
    authors = data["authors"]
    for item in data["items"]:
        source = {**item, "authors": authors}
        translations = {
            code: translated_strings(
                source, {"authors": data["authors_translated"].get(code, authors), **translated}
            )
            for code, translated in item.get("translations", {}).items()
        }
        ensure_child_page(
            ctx,
            index,
            NewsPage,
            slug=item["slug"],
            translations=translations,
            title=item["title"],
            date=item["date"],
            topic=Topic(item["topic"]),
            authors=authors,
            summary=item["summary"],
            body=paragraphs(item["paragraphs"]),
        )
    return index


def _report(ctx, hub, news_index):
    """The 2022 report under the knowledge hub, with its downloads and translations."""
    data = load("learning", "report")
    report = ReportPage.objects.child_of(hub).filter(slug=data["slug"]).first()
    if report is None:
        downloads = [
            (
                "download",
                {
                    "document": _document(**download["document"]),
                    "title": download["title"],
                    "language": download["language"],
                },
            )
            for download in data["downloads"]
        ]
        related = NewsPage.objects.child_of(news_index).filter(slug__in=data["related_news"])
        report = publish_child(
            hub,
            ReportPage(
                slug=data["slug"],
                title=data["title"],
                publication_date=data["date"],
                summary=data["summary"],
                key_figures=[("key_figures", data["key_figures"])],
                body=_sections(data["sections"]),
                documents=downloads,
                related_pages=[("page", page) for page in related.order_by("-date")],
            ),
        )
        ctx.log("the 2022 report")
    translate_missing(ctx, report, record_translations(data))
    return report


@transaction.atomic
def seed_knowledge_hub(ctx, news_index):
    """The knowledge hub, the 2022 report (fr, es) and the resources."""
    data = load("learning", "knowledge_hub")
    hub = ensure_child_page(
        ctx, ctx.home, LearningIndexPage, translations=record_translations(data), **_fields(data)
    )
    report = _report(ctx, hub, news_index)
    for item in load("learning", "resources"):
        ensure_child_page(
            ctx,
            hub,
            ResourcePage,
            slug=item["slug"],
            title=item["title"],
            resource_type=ResourceType(item["type"]),
            publication_date=item["date"],
            summary=item["summary"],
            body=_sections(item["sections"]),
            related_pages=[("page", report)],
        )


def _edition_2022_snapshot():
    """The inaugural report's own figures (seed 001) in every language, as editions store them."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext as _

    from learning.report.figures import _library_url
    from pledges.models import Theme

    source = Path(settings.BASE_DIR) / "pledges" / "data" / "taxonomies.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    totals = data["report_2022_totals"]
    counts = {theme["slug"]: theme["report_2022_count"] for theme in data["themes"]}
    themes = list(Theme.objects.default_locale().order_by("sort_order"))
    snapshot = {}
    for code, _name in settings.LANGUAGES:
        labels = Theme.labels(code)
        with translation.override(code):
            snapshot[code] = {
                "language": code,
                "computed_at": "2022-05-18T12:00:00+00:00",
                "library_url": _library_url(code),
                "figures": {
                    "actions": totals["local_actions"],
                    "governments": totals["lrgs"],
                    "countries": totals["countries"],
                },
                "tables": [
                    {
                        "key": "theme",
                        "title": _("Local actions per theme"),
                        "heading": _("Theme"),
                        "rows": [
                            {
                                "value": theme.slug,
                                "label": labels.get(theme.translation_key, theme.title),
                                "count": counts.get(theme.slug, 0),
                                "query": f"?theme={theme.slug}",
                            }
                            for theme in themes
                        ],
                    }
                ],
                "map": [],
                "directory": [],
            }
    return snapshot


@transaction.atomic
def seed_live_report(ctx):
    """The live report under the call-to-action page, in four languages, and the 2022 edition."""
    from hub.seeding import page_of_type
    from learning.report.models import LiveReportPage, ReportEdition
    from pledges.models import LocalActionPage

    call = page_of_type("pledges", "calltoactionpage", ctx.home.locale)
    if call is None:
        return None
    data = load("learning", "live_report")
    featured = list(
        LocalActionPage.objects.live()
        .filter(locale=ctx.home.locale)
        .order_by("pk")[: data["featured_count"]]
    )
    report = ensure_child_page(
        ctx,
        call,
        LiveReportPage,
        slug=data["slug"],
        translations=record_translations(data),
        title=data["title"],
        summary=data["summary"],
        intro="".join(f"<p>{text}</p>" for text in data["intro"]),
        conclusions="".join(f"<p>{text}</p>" for text in data["conclusions"]),
        case_studies=[("case_study", {"page": page, "note": ""}) for page in featured],
    )
    edition = data["edition_2022"]
    if not ReportEdition.objects.filter(slug=edition["slug"]).exists():
        ReportEdition.objects.create(
            report=report,
            slug=edition["slug"],
            title=edition["title"],
            frozen_at=edition["frozen_at"],
            snapshot=_edition_2022_snapshot(),
        )
        ctx.log(f"report edition: {edition['title']}")
    return report


def seed(ctx):
    """Everything the knowledge hub shows in the demo."""
    news_index = seed_news(ctx)
    seed_knowledge_hub(ctx, news_index)
    seed_live_report(ctx)
