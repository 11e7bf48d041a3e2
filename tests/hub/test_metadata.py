"""Metadata on every page: what search engines and social networks read in the head.

The test client asks for ``testserver``; the Site's root URL is
``http://localhost``: every absolute address must use the Site's.
"""

import json
from xml.etree import ElementTree

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale, PageViewRestriction

from hub.localization import translate
from hub.models import SiteSettings
from search.models import PracticeLibraryPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import StandardPageFactory, publish
from tests.learning.factories import (
    LearningIndexPageFactory,
    ReportPageFactory,
    ResourcePageFactory,
)
from tests.pledges.factories import (
    CallToActionPageFactory,
    LocalActionPageFactory,
    LocalGovernmentFactory,
)

ROOT = "http://localhost"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser").head


def canonicals(soup):
    return [link["href"] for link in soup.find_all("link", rel="canonical")]


def hreflangs(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate")
        if link.has_attr("hreflang")
    }


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_ld(soup):
    return [
        json.loads(script.string)
        for script in soup.find_all("script", attrs={"type": "application/ld+json"})
    ]


def of_type(blocks, schema_type):
    return [block for block in blocks if block["@type"] == schema_type]


@pytest.fixture
def default_image(translated_home):
    """The site's default share image, set in the site settings."""
    settings = SiteSettings.for_site(translated_home.get_site())
    settings.default_share_image = wagtail_factories.ImageFactory(title="Cities acting together")
    settings.save()
    return settings.default_share_image


@pytest.fixture
def site_pages(translated_home, article, default_image):
    """One page of each type, in English; the call to action also in French."""
    call = CallToActionPageFactory(parent=translated_home)
    translate(call, "fr", {call.title: "Appel à l'action locale", call.slug: "appel"})
    library = PracticeLibraryPage(
        title="Practice library", slug="practices", intro="<p>What cities do, to replicate.</p>"
    )
    translated_home.add_child(instance=library)
    publish(library)
    government = LocalGovernmentFactory(name="Amman", slug="amman", country="JO")
    learning = publish(LearningIndexPageFactory(parent=translated_home))
    events = publish(EventIndexPageFactory(parent=translated_home))
    return {
        "home": translated_home,
        "standard page": publish(
            StandardPageFactory(parent=translated_home, title="About the hub", slug="about")
        ),
        "call to action": call,
        "practice library": library,
        "case study": publish(
            LocalActionPageFactory(parent=library, slug="welcome-desk", local_government=government)
        ),
        "news index": article.get_parent().specific,
        "news": article,
        "knowledge hub": learning,
        "report": publish(ReportPageFactory(parent=learning, slug="localizing")),
        "resource": publish(ResourcePageFactory(parent=learning, slug="toolkit")),
        "events": events,
        "event": publish(EventPageFactory(parent=events, slug="access")),
        "government": government,
    }


def urls_of_every_page_type(pages):
    call = pages["call to action"].url
    return [
        *(page.url for key, page in pages.items() if key != "government"),
        call + "endorse/",
        call + "submit-action/",
        call + "endorsers/",
        "/en/local-governments/amman/",
    ]


@pytest.mark.django_db
def test_every_page_type_has_one_canonical_hreflang_and_open_graph(client, site_pages):
    for url in urls_of_every_page_type(site_pages):
        soup = head(client, url)
        assert canonicals(soup) == [ROOT + url], url
        alternates = hreflangs(soup)
        assert alternates["en"] == ROOT + url, url
        assert alternates["x-default"] == ROOT + url, url
        assert meta(soup, "og:url") == ROOT + url, url
        assert meta(soup, "og:image").startswith(ROOT + "/media/images/"), url
        assert meta(soup, "og:locale") == "en_US", url
        assert meta(soup, "og:title") and meta(soup, "og:description"), url
        assert meta(soup, "twitter:card") == "summary_large_image", url
        assert soup.title.string.count("Local Action Hub") == 1, url


@pytest.mark.django_db
def test_canonical_hreflang_json_ld_and_sitemap_share_the_sites_root(client, site_pages):
    soup = head(client, site_pages["news"].url)
    addresses = [*canonicals(soup), *hreflangs(soup).values(), meta(soup, "og:url")]
    for block in json_ld(soup):
        addresses += [block.get("url"), block.get("mainEntityOfPage")]
        addresses += [item["item"] for item in block.get("itemListElement", [])]
    addresses = [address for address in addresses if address]
    assert len(addresses) > 6
    assert all(address.startswith(ROOT + "/") for address in addresses), addresses

    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    locations = {loc.text for loc in sitemap.findall("s:url/s:loc", SITEMAP_NS)}
    assert all(location.startswith(ROOT + "/") for location in locations)
    assert set(canonicals(soup)) <= locations
    assert set(hreflangs(soup).values()) <= locations


@pytest.mark.django_db
def test_hreflang_lists_each_real_translation_and_x_default(client, site_pages):
    article = site_pages["news"]
    french = article.get_translation(Locale.objects.get(language_code="fr"))
    for url in (article.url, french.url):
        soup = head(client, url)
        assert hreflangs(soup) == {
            "en": ROOT + article.url,
            "fr": ROOT + french.url,
            "x-default": ROOT + article.url,
        }
    soup = head(client, french.url)
    assert canonicals(soup) == [ROOT + french.url]
    assert meta(soup, "og:locale") == "fr_FR"
    assert [tag["content"] for tag in soup.find_all("meta", property="og:locale:alternate")] == [
        "en_US"
    ]


@pytest.mark.django_db
def test_a_private_translation_gets_no_hreflang(client, site_pages):
    article = site_pages["news"]
    french = article.get_translation(Locale.objects.get(language_code="fr"))
    PageViewRestriction.objects.create(page=french, restriction_type="login")
    assert "fr" not in hreflangs(head(client, article.url))


@pytest.mark.django_db
def test_home_title_names_the_site_once_and_describes_the_organisation(client, site_pages):
    soup = head(client, "/en/")
    hero = "A Call to Local Action for Migrants and Refugees"
    assert soup.title.string == f"{hero} · Local Action Hub"
    assert meta(soup, "description") == "Endorse, submit your action, learn from peers."
    blocks = json_ld(soup)
    organisation = of_type(blocks, "Organization")[0]
    assert organisation["name"] == "Local Action Hub"
    assert organisation["url"] == ROOT + "/en/"
    website = of_type(blocks, "WebSite")[0]
    assert website["potentialAction"]["target"]["urlTemplate"] == (
        ROOT + "/en/search/?q={search_term_string}"
    )
    assert not of_type(blocks, "BreadcrumbList")


@pytest.mark.django_db
def test_sub_routes_have_their_own_title_description_and_hreflang(client, site_pages):
    call = site_pages["call to action"]
    french = call.get_translation(Locale.objects.get(language_code="fr"))
    descriptions = {meta(head(client, call.url), "description")}
    for route in ("endorse/", "submit-action/", "endorsers/"):
        soup = head(client, call.url + route)
        descriptions.add(meta(soup, "description"))
        assert canonicals(soup) == [ROOT + call.url + route]
        assert hreflangs(soup) == {
            "en": ROOT + call.url + route,
            "fr": ROOT + "/fr/appel/" + route,
            "x-default": ROOT + call.url + route,
        }
        assert french.url == "/fr/appel/"
        # The language switcher leads to the same sub-route too.
        assert soup.find_next("a", hreflang="fr")["href"] == "/fr/appel/" + route
        crumbs = of_type(json_ld(soup), "BreadcrumbList")[0]["itemListElement"]
        assert [crumb["item"] for crumb in crumbs] == [
            ROOT + "/en/",
            ROOT + call.url,
            ROOT + call.url + route,
        ]
    assert len(descriptions) == 4  # the page and each sub-route: four different sentences
    soup = head(client, call.url + "endorse/")
    assert soup.title.string == "Endorse the Marrakech Mayors Declaration · Local Action Hub"
    french_soup = head(client, "/fr/appel/endorse/")
    assert meta(french_soup, "description") != meta(soup, "description")  # translated


@pytest.mark.django_db
def test_filtered_listings_are_canonical_to_the_unfiltered_and_pages_to_themselves(
    client, site_pages
):
    library = site_pages["practice library"].url
    news = site_pages["news index"].url
    assert canonicals(head(client, library + "?theme=climate&region=africa")) == [ROOT + library]
    assert canonicals(head(client, library + "?q=desk&page=2")) == [ROOT + library]
    assert canonicals(head(client, news + "?page=2")) == [ROOT + news + "?page=2"]
    assert canonicals(head(client, news + "?page=1")) == [ROOT + news]
    soup = head(client, news + "?topic=campaign")
    assert canonicals(soup) == [ROOT + news]
    assert meta(soup, "robots") is None  # the canonical link says it all


@pytest.mark.django_db
def test_news_is_an_article_and_a_report_is_a_report(client, site_pages):
    article = site_pages["news"]
    soup = head(client, article.url)
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "article:published_time") == article.date.isoformat()
    news = of_type(json_ld(soup), "NewsArticle")[0]
    assert news["headline"] == article.title
    assert news["datePublished"] == article.date.isoformat()
    assert news["url"] == ROOT + article.url
    assert news["author"]["name"] == "GFMD Mayors Mechanism"
    crumbs = of_type(json_ld(soup), "BreadcrumbList")[0]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Local Action Hub", "News", article.title]

    report = site_pages["report"]
    soup = head(client, report.url)
    assert meta(soup, "og:type") == "website"
    data = of_type(json_ld(soup), "Report")[0]
    assert data["name"] == report.title
    assert data["datePublished"] == "2022-05-18"


@pytest.mark.django_db
def test_the_pages_own_image_comes_before_the_sites_default(client, site_pages, default_image):
    page = site_pages["standard page"]
    assert f"/media/images/{default_image.file.name.split('/')[-1].rsplit('.', 1)[0]}" in meta(
        head(client, page.url), "og:image"
    )
    page.social_image = wagtail_factories.ImageFactory(title="About us")
    publish(page)
    image = meta(head(client, page.url), "og:image")
    assert image.startswith(ROOT + "/media/images/")
    assert page.social_image.file.name.split("/")[-1].rsplit(".", 1)[0] in image


@pytest.mark.django_db
def test_a_page_shown_in_another_language_is_canonical_to_its_original(client, site_pages):
    about = site_pages["standard page"]
    soup = head(client, "/fr/about/")  # About has no French translation
    assert canonicals(soup) == [ROOT + about.url]
    assert hreflangs(soup) == {"en": ROOT + about.url, "x-default": ROOT + about.url}
    assert meta(soup, "og:url") == ROOT + about.url
    assert meta(soup, "og:locale") == "en_US"  # the language of the content at og:url

    # A sub-route of a page with no Spanish translation: the original's sub-route.
    call = site_pages["call to action"]
    soup = head(client, "/es/" + call.url.removeprefix("/en/") + "endorse/")
    assert canonicals(soup) == [ROOT + call.url + "endorse/"]
    assert hreflangs(soup) == {
        "en": ROOT + call.url + "endorse/",
        "fr": ROOT + "/fr/appel/endorse/",
        "x-default": ROOT + call.url + "endorse/",
    }


@pytest.mark.django_db
def test_an_alias_is_canonical_to_its_original_and_gets_no_hreflang(client, site_pages):
    about = site_pages["standard page"]
    alias = about.copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True, alias=True
    )
    assert alias.alias_of_id == about.pk
    soup = head(client, alias.url)
    assert canonicals(soup) == [ROOT + about.url]
    assert hreflangs(soup) == {"en": ROOT + about.url, "x-default": ROOT + about.url}
    assert "es" not in hreflangs(head(client, about.url))
    sitemap = client.get("/sitemap.xml").content.decode()
    assert ROOT + about.url in sitemap
    assert ROOT + alias.url not in sitemap


@pytest.mark.django_db
def test_metadata_queries_do_not_grow_with_translations_or_ancestors(client, site_pages):
    page = site_pages["news"]
    client.get(page.url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries)

    before = count()
    for code in ("es", "ar"):
        translate(page, code, {page.title: f"[{code}] {page.title}"})
    PageViewRestriction.objects.create(page=site_pages["knowledge hub"], restriction_type="login")
    client.get(page.url)
    assert count() <= before  # fewer: the switcher no longer looks for homes to fall back to


@pytest.mark.django_db
def test_editors_set_the_default_share_image_in_the_site_settings(admin_client, translated_home):
    site = translated_home.get_site()
    url = reverse("wagtailsettings:edit", args=["hub", "sitesettings", site.pk])
    html = admin_client.get(url).content.decode()
    assert "Default share image" in html
    assert "cropped to 1200×630" in html
