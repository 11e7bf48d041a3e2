"""Home and standard pages: rendering, admin creation, query counts."""

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from hub.models import HomePage, StandardPage
from tests.factories import PartnerFactory, StandardPageFactory


def test_home_page_renders_hero_and_chrome(client, home_page):
    PartnerFactory(name="Mayors Migration Council")
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert home_page.hero_title in html
    assert 'href="#main"' in html  # skip link
    assert "<main" in html and "<footer" in html
    assert "Mayors Migration Council" in html  # partners in the footer
    assert 'role="search"' in html


def test_standard_page_renders_body(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About us", slug="about")
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert "About us" in response.content.decode()
    assert "Plain content." in response.content.decode()
    assert page.url == "/en/about/"


def test_admin_can_create_a_standard_page(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=("hub", "standardpage", home_page.id))
    data = nested_form_data(
        {
            "title": "Privacy notice",
            "slug": "privacy",
            "summary": "How we use your data.",
            "body": streamfield([("paragraph", rich_text("<p>We keep little.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="privacy")
    assert page.live
    assert page.get_parent().id == home_page.id


def test_admin_can_create_a_home_page_under_the_root(admin_client, db):
    root = Page.get_first_root_node()
    url = reverse("wagtailadmin_pages:add", args=("hub", "homepage", root.id))
    data = nested_form_data(
        {
            "title": "Second site",
            "slug": "second-site",
            "hero_title": "Another hub",
            "hero_text": "",
            "summary": "",
            "body": streamfield([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert HomePage.objects.filter(slug="second-site").exists()


def test_home_page_query_count_does_not_grow_with_children(
    client, home_page, django_assert_num_queries
):
    for i in range(3):
        StandardPageFactory(parent=home_page, show_in_menus=True, slug=f"page-{i}")
    client.get("/en/")  # warm caches (site root paths, settings)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get("/en/").status_code == 200
    few_count = len(few)  # now: the log of queries is a bounded window
    for i in range(50):
        StandardPageFactory(parent=home_page, show_in_menus=True, slug=f"more-{i}")
    client.get("/en/")  # the new content generation's caches filled, as after publishing
    with django_assert_num_queries(few_count):
        assert client.get("/en/").status_code == 200


@pytest.mark.parametrize(
    ("path", "status"), [("/en/no-such-page/", 404), ("/fr/no-such-page/", 404)]
)
def test_not_found_page_is_in_the_visitors_language(client, home_page, path, status):
    response = client.get(path)
    assert response.status_code == status
    html = response.content.decode()
    if path.startswith("/fr/"):
        assert "Page introuvable" in html
        assert 'lang="fr"' in html
    else:
        assert "Page not found" in html


def test_editor_menus_and_partners_are_in_the_admin(admin_client, home_page):
    PartnerFactory(name="UN Refugee Agency")
    response = admin_client.get("/admin/snippets/hub/partner/")
    assert response.status_code == 200
    assert "UN Refugee Agency" in response.content.decode()
    assert admin_client.get("/admin/snippets/hub/navigationmenu/").status_code == 200
    assert admin_client.get("/admin/snippets/hub/footertext/").status_code == 200
