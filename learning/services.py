"""Queries of the knowledge hub: listings, feeds, localized links.

Every function here runs a fixed number of queries whatever the number of
articles: the listings are paginated or sliced, images and their renditions
are prefetched, and related pages are resolved in one query.
"""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Page

from hub.fragments import cached
from hub.i18n import localized
from hub.visibility import public_pages
from learning.models import NewsPage, ReportPage, ResourcePage

CARD_RENDITION = "fill-480x270"
LATEST_NEWS_COUNT = 3


def _with_card_images(queryset, fields=("listing_image", "hero_image")):
    """Prefetch the card images of pages with their renditions (two queries per field at most)."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return queryset.prefetch_related(*[Prefetch(name, queryset=images) for name in fields])


def news_articles(locale):
    """Live public news articles of one language, newest first."""
    return (
        public_pages(NewsPage.objects)
        .filter(locale=locale)
        .order_by("-date", "-pk")
        .select_related("locale")
    )


def latest_news(locale, limit=LATEST_NEWS_COUNT):
    """The newest articles of a language, with their card images."""
    return list(_with_card_images(news_articles(locale))[:limit])


def news_years(index, request=None):
    """The years that have articles under this index, newest first (cached per generation)."""

    def years():
        dates = public_pages(NewsPage.objects).child_of(index).dates("date", "year", order="DESC")
        return [d.year for d in dates]

    return cached(request, f"news-years:{index.pk}", years)


def news_listing(index, filters, *, page_number=None, request=None):
    """One page of the index's articles, filtered by topic and year."""
    articles = news_articles(index.locale_id).child_of(index)
    if filters.get("topic"):
        articles = articles.filter(topic=filters["topic"])
    if filters.get("year"):
        articles = articles.filter(date__year=filters["year"])
    paginator = Paginator(_with_card_images(articles), index.per_page)
    try:
        page = paginator.page(page_number or 1)
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return {"articles": page, "paginator": paginator, "is_filtered": bool(filters)}


def feed_items(index, limit=50):
    """The newest articles of the index's language for its RSS and Atom feeds."""
    return list(news_articles(index.locale).child_of(index)[:limit])


def knowledge_hub_listing(learning_index):
    """What the knowledge hub landing lists: its reports and resources, the latest news."""
    reports = _with_card_images(
        public_pages(ReportPage.objects).child_of(learning_index).order_by("-publication_date"),
        fields=["listing_image"],
    )
    resources = _with_card_images(
        public_pages(ResourcePage.objects)
        .child_of(learning_index)
        .order_by("-publication_date", "title"),
        fields=["listing_image"],
    )
    return {
        "reports": list(reports),
        "resources": list(resources),
        "latest_news": latest_news(learning_index.locale),
    }


def localized_related_pages(page, request=None):
    """The page's related pages, each in the reader's language when translated (two queries,
    none with ``request`` once cached for the current content generation)."""
    ids = [block["value"] for block in page.related_pages.raw_data if block.get("value")]
    if not ids:
        return []

    def related():
        public = public_pages(Page.objects).select_related("locale")
        originals = public.in_bulk(ids)
        return localized((originals[pk] for pk in ids if pk in originals), queryset=public)

    return cached(request, f"related-pages:{page.pk}", related)


def downloads_for_reader(page):
    """The page's downloads, those in the reader's language first."""
    names = dict(settings.LANGUAGES)
    current = translation.get_language()
    downloads = []
    for block in page.documents:
        value = block.value
        if value["document"] is None:
            continue
        downloads.append(
            {
                "document": value["document"],
                "title": value["title"] or value["document"].title,
                "language": value["language"],
                "language_name": names.get(value["language"], value["language"]),
            }
        )
    downloads.sort(key=lambda d: d["language"] != current)
    return downloads
