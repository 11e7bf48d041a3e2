"""Sitemap, robots.txt, navigation, settings."""

from xml.etree import ElementTree

from hub.localization import translate
from hub.models import NavigationItem, NavigationMenu
from tests.factories import StandardPageFactory

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_every_page_in_every_language(client, translated_home):
    about = StandardPageFactory(parent=translated_home, slug="about", title="About")
    translate(about, "fr", {"About": "À propos"})
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    locations = {loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)}
    assert {
        "http://localhost/en/",
        "http://localhost/fr/",
        "http://localhost/es/",
        "http://localhost/ar/",
        "http://localhost/en/about/",
    } <= locations
    assert any(
        url.startswith("http://localhost/fr/") and url != "http://localhost/fr/"
        for url in locations
    )


def test_robots_points_to_the_sitemap_on_the_sites_root(client, home_page):
    # The request's host (testserver) is not the Site's address (localhost):
    # robots.txt names the sitemap where the sitemap itself says the site is.
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_main_menu_uses_the_translated_page(client, translated_home):
    about = StandardPageFactory(parent=translated_home, slug="about", title="About")
    translate(about, "fr", {"About": "À propos"})
    menu = NavigationMenu.objects.create(slot="main", locale=translated_home.locale)
    NavigationItem.objects.create(menu=menu, link_page=about)
    # No French menu yet: the English menu is used, pointing to French pages.
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/a-propos/"' in html or "À propos" in html
    assert "À propos" in html
