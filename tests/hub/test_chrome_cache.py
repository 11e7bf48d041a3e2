"""The chrome (menus, footer, settings, language links, head) is read once per site generation.

Every change is made inside ``django_capture_on_commit_callbacks(execute=True)``,
as in production where the generation moves on when the transaction commits.
"""

import re

import pytest
import wagtail_factories

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from hub.models import FooterText, NavigationItem, NavigationMenu, Partner, SiteSettings
from tests.factories import PartnerFactory, StandardPageFactory, publish

LANGUAGES = ("en", "fr", "es", "ar")


@pytest.fixture
def chrome(translated_home, django_capture_on_commit_callbacks):
    """Two pages in the main menu, one in the footer menu, a footer text and two partners."""
    with django_capture_on_commit_callbacks(execute=True):
        about = publish(StandardPageFactory(parent=translated_home, slug="about", title="About"))
        contact = publish(
            StandardPageFactory(parent=translated_home, slug="contact", title="Contact us")
        )
        locale = translated_home.locale
        main = NavigationMenu.objects.create(slot="main", locale=locale)
        NavigationItem.objects.create(menu=main, link_page=about, locale=locale, sort_order=0)
        NavigationItem.objects.create(menu=main, link_page=contact, locale=locale, sort_order=1)
        footer = NavigationMenu.objects.create(slot="footer", locale=locale)
        NavigationItem.objects.create(
            menu=footer, label="Privacy notice", link_url="https://example.org/privacy/"
        )
        FooterText.objects.create(body="A campaign of cities and regions.", locale=locale)
        PartnerFactory(name="UCLG", locale=locale, sort_order=1)
        PartnerFactory(name="IOM", locale=locale, sort_order=2)
        settings = SiteSettings.for_site(translated_home.get_site())
        settings.organisation_name = "Local Action Hub"
        settings.contact_email = "hello@example.org"
        settings.save()
    return {"home": translated_home, "about": about, "contact": contact, "main": main}


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_the_chrome_costs_no_query_once_cached_however_many_links_and_partners(
    client, chrome, django_capture_on_commit_callbacks
):
    cold, html = _queries(client, "/en/about/")
    warm, warm_html = _queries(client, "/en/about/")
    assert warm_html == html
    assert warm <= cold - 8  # menus, footer, partners, settings, language links, head
    assert warm <= 4  # the site, the locale, the home page and the page itself

    with django_capture_on_commit_callbacks(execute=True):
        locale = chrome["home"].locale
        for number in range(6):
            page = publish(StandardPageFactory(parent=chrome["home"], title=f"Section {number}"))
            NavigationItem.objects.create(
                menu=chrome["main"], link_page=page, locale=locale, sort_order=10 + number
            )
            PartnerFactory(name=f"Partner {number}", locale=locale, sort_order=10 + number)
    client.get("/en/about/")  # a new generation: the chrome is built once more
    grown, html = _queries(client, "/en/about/")
    assert "Section 5" in html and "Partner 5" in html
    assert grown == warm


@pytest.mark.django_db
def test_a_change_shows_on_the_next_request_in_every_language(
    client, chrome, django_capture_on_commit_callbacks
):
    for code in LANGUAGES:
        html = client.get(f"/{code}/").content.decode()
        assert "A campaign of cities and regions." in html
        assert ">UCLG<" in html.replace("\n", "").replace(" ", "")

    with django_capture_on_commit_callbacks(execute=True):
        item = chrome["main"].items.get(link_page=chrome["contact"])
        item.label = "Write to us"
        item.save()
        FooterText.objects.update(body="unused")  # no signal: the next save bumps for both
        text = FooterText.objects.get()
        text.body = "Cities and regions, together."
        text.save()
        partner = Partner.objects.get(name="UCLG")
        partner.name = "United Cities and Local Governments"
        partner.save()
        settings = SiteSettings.for_site(chrome["home"].get_site())
        settings.organisation_name = "Call to Local Action"
        settings.contact_email = "team@example.org"
        settings.save()

    for code in LANGUAGES:
        html = client.get(f"/{code}/").content.decode()
        assert "Write to us" in html
        assert "Cities and regions, together." in html
        assert "A campaign of cities and regions." not in html
        assert "United Cities and Local Governments" in html
        assert "Call to Local Action" in html
        assert "team@example.org" in html
        assert "hello@example.org" not in html


@pytest.mark.django_db
def test_the_current_page_is_marked_in_the_shared_menu(client, chrome):
    def current_links(url):
        html = client.get(url).content.decode()
        return re.findall(r'<a href="([^"]+)" aria-current="page">', html)

    # Both pages read the same cached menu; each marks its own link.
    assert current_links("/en/about/") == ["/en/about/"]
    assert current_links("/en/contact/") == ["/en/contact/"]
    assert current_links("/en/about/") == ["/en/about/"]
    assert current_links("/en/") == []


@pytest.mark.django_db
def test_a_partners_logo_is_the_same_img_as_wagtails_image_tag(
    client, chrome, django_capture_on_commit_callbacks
):
    from django.template import Context, Template

    with django_capture_on_commit_callbacks(execute=True):
        partner = Partner.objects.get(name="IOM")
        partner.logo = wagtail_factories.ImageFactory(title="IOM logo")
        partner.save()
    expected = Template("{% load wagtailimages_tags %}{% image logo max-160x80 alt=name %}").render(
        Context({"logo": partner.logo, "name": "IOM"})
    )
    client.get("/fr/")
    assert expected in client.get("/fr/").content.decode()


@pytest.mark.django_db
def test_a_new_restriction_applies_at_once_and_editors_still_see_the_page(
    admin_user, chrome, django_capture_on_commit_callbacks
):
    client, editor = Client(), Client()
    editor.force_login(admin_user)
    assert client.get("/en/about/").status_code == 200  # the map of restrictions is cached
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=chrome["about"], restriction_type="login")

    response = client.get("/en/about/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/en/contact/").status_code == 200

    for _ in range(2):
        response = editor.get("/en/about/")
        assert response.status_code == 200
        assert "<title>About · Local Action Hub</title>" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.all().delete()
    assert client.get("/en/about/").status_code == 200


@pytest.mark.django_db
def test_a_renamed_or_new_page_is_routed_at_once(
    client, chrome, django_capture_on_commit_callbacks
):
    assert client.get("/en/about/").status_code == 200
    assert client.get("/en/team/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        about = chrome["about"]
        about.slug = "about-us"
        publish(about)
        publish(StandardPageFactory(parent=chrome["home"], slug="team", title="Team"))
    assert client.get("/en/about/").status_code in (301, 404)  # Wagtail's redirect, if any
    assert client.get("/en/about-us/").status_code == 200
    assert client.get("/en/team/").status_code == 200


@pytest.mark.django_db
def test_a_restriction_covers_the_section_below_and_aliases_of_it(
    client, chrome, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about, contact = chrome["about"], chrome["contact"]
        publish(StandardPageFactory(parent=about, slug="team", title="Team"))
        about.refresh_from_db()
        alias = about.create_alias(parent=contact, update_slug="about-copy")
        restriction = PageViewRestriction.objects.create(
            page=about,
            restriction_type="password",
            password="secret",  # noqa: S106
        )
    assert alias.alias_of_id == about.pk
    for url in ("/en/about/", "/en/about/team/", "/en/contact/about-copy/"):
        response = client.get(url)
        html = response.content.decode()
        assert f"/_util/authenticate_with_password/{restriction.pk}/" in html, url
        assert "no-cache" in response.get("Cache-Control", "") or "private" in response.get(
            "Cache-Control", ""
        )
    assert client.get("/en/contact/").status_code == 200
