"""Public means public: a page in a private section is in no listing, feed, calendar, index,
API, profile or sitemap, and comes back everywhere when the restriction is removed."""

import datetime
import json

import pytest

from wagtail.models import Locale, Page, PageViewRestriction

from events.models import AttendanceMode
from hub.visibility import is_public, public_pages
from search.models import PracticeLibraryPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import publish
from tests.learning.factories import NewsIndexPageFactory, NewsPageFactory
from tests.pledges.factories import LocalGovernmentFactory
from tests.search.conftest import publish_practice

SECRET = "Zanzibar"  # a word only the restricted pages hold, to find them by search


@pytest.fixture
def site(home_page):
    """A practice library with a case study, an events index with an event, news with an
    article: one of each restricted later, one of each staying public."""
    library = PracticeLibraryPage(title="Practice library", slug="practices")
    home_page.add_child(instance=library)
    library.save_revision().publish()
    # The LRG shows the sessions its people attend (it opted in).
    lrg = LocalGovernmentFactory(
        name="Tangier", country="MA", kind="city", show_event_participation=True
    )
    case_study = publish_practice(
        library, title=f"{SECRET} shelter network", government=lrg, body_text="Beds for all."
    )
    other_case = publish_practice(library, title="Open library cafe", body_text="Books.")
    events = publish(EventIndexPageFactory(parent=home_page))
    event = publish(
        EventPageFactory(
            parent=events,
            title=f"{SECRET} venue briefing",
            slug="briefing",
            attendance_mode=AttendanceMode.IN_PERSON,
            venue_name="Town hall",
            venue_address="12 Secret Street",
            city="Secretville",
        )
    )
    other_event = publish(EventPageFactory(parent=events, title="Open webinar", slug="webinar"))
    news = publish(NewsIndexPageFactory(parent=home_page))
    article = publish(
        NewsPageFactory(
            parent=news, title=f"{SECRET} agreement signed", date=datetime.date(2024, 5, 2)
        )
    )
    other_article = publish(
        NewsPageFactory(parent=news, title="Open letter", date=datetime.date(2024, 5, 1))
    )
    from events.models import EventRegistration

    EventRegistration.objects.create(
        event=event,
        name="Staff member",
        email="staff@tangier.example",
        consent=True,
        status=EventRegistration.Status.CONFIRMED,
        local_government=lrg,
    )
    return {
        "lrg": lrg,
        "case_study": Page.objects.get(pk=case_study.pk),
        "event": Page.objects.get(pk=event.pk),
        "article": Page.objects.get(pk=article.pk),
        "public": [other_case, other_event, other_article],
    }


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def surfaces(client, site):
    """Where each restricted-to-be page shows: {(page, surface): shown}."""
    case_study, event, article = site["case_study"], site["event"], site["article"]
    library_api = json.loads(_text(client, "/api/practices/?lang=en"))
    pages_api = json.loads(_text(client, "/api/v2/pages/?limit=20"))
    api_ids = {item["id"] for item in pages_api["items"]}
    search = _text(client, f"/en/search/?q={SECRET}")
    sitemap = _text(client, "/sitemap.xml")
    upcoming = _text(client, "/events/upcoming.ics?lang=en")
    profile = _text(client, f"/en/local-governments/{site['lrg'].slug}/")
    listing = _text(client, "/en/events/")
    home = _text(client, "/en/")
    rss = _text(client, "/en/news/feed/")
    atom = _text(client, "/en/news/feed/atom/")
    news = _text(client, "/en/news/")
    event_ics = client.get(f"{event.url}event.ics")
    return {
        ("case study", "library page"): case_study.title in _text(client, "/en/practices/"),
        ("case study", "library API"): case_study.title
        in [item["title"] for item in library_api["results"]],
        ("case study", "pages API"): case_study.pk in api_ids,
        ("case study", "site search"): case_study.title in search,
        ("case study", "LRG profile"): case_study.title in profile,
        ("case study", "home page"): case_study.title in home,
        ("case study", "sitemap"): case_study.full_url in sitemap,
        ("event", "events listing"): event.title in listing,
        ("event", "city in listing"): "Secretville" in listing,
        ("event", "address in upcoming.ics"): "12 Secret Street" in upcoming,
        ("event", "LRG profile"): event.title in profile,
        ("event", "pages API"): event.pk in api_ids,
        ("event", "site search"): event.title in search,
        ("event", "upcoming.ics"): event.title in upcoming,
        ("event", "event.ics"): event_ics.status_code == 200,
        ("event", "home page"): event.title in home,
        ("event", "sitemap"): event.full_url in sitemap,
        ("article", "RSS"): article.title in rss,
        ("article", "Atom"): article.title in atom,
        ("article", "news listing"): article.title in news,
        ("article", "pages API"): article.pk in api_ids,
        ("article", "site search"): article.title in search,
        ("article", "sitemap"): article.full_url in sitemap,
    }


def others_shown(client, site):
    """The pages that stay public are shown throughout."""
    case_study, event, article = site["public"]
    library = json.loads(_text(client, "/api/practices/?lang=en"))
    assert case_study.title in [item["title"] for item in library["results"]]
    assert event.title in _text(client, "/events/upcoming.ics?lang=en")
    assert article.title in _text(client, "/en/news/feed/")


@pytest.mark.django_db
def test_restricted_pages_disappear_everywhere_and_come_back(
    client, site, django_capture_on_commit_callbacks
):
    before = surfaces(client, site)
    assert all(before.values()), [name for name, shown in before.items() if not shown]
    with django_capture_on_commit_callbacks(execute=True):
        restrictions = [
            PageViewRestriction.objects.create(
                page=site[name], restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
            )
            for name in ("case_study", "event", "article")
        ]
    hidden = surfaces(client, site)
    assert not any(hidden.values()), [name for name, shown in hidden.items() if shown]
    others_shown(client, site)
    # The page itself asks for the password.
    response = client.get(site["case_study"].url)
    assert response.status_code == 200 and site["case_study"].title not in response.content.decode()
    assert 'name="password"' in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        for restriction in restrictions:
            restriction.delete()
    after = surfaces(client, site)
    assert all(after.values()), [name for name, shown in after.items() if not shown]


@pytest.mark.django_db
def test_restricting_a_section_hides_what_is_below_it(client, site):
    library = site["case_study"].get_parent()
    PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)
    data = json.loads(_text(client, "/api/practices/?lang=en"))
    assert data["count"] == 0 and data["results"] == []
    ids = {item["id"] for item in json.loads(_text(client, "/api/v2/pages/"))["items"]}
    assert library.pk not in ids and site["case_study"].pk not in ids
    assert site["case_study"].full_url not in _text(client, "/sitemap.xml")


@pytest.mark.django_db
def test_wagtails_api_does_not_list_a_page_whose_password_the_visitor_gave(client, site):
    """Wagtail's own rule lists a page to a session that passed its restriction; ours never."""
    restriction = PageViewRestriction.objects.create(
        page=site["case_study"], restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.post(
        f"/en/_util/authenticate_with_password/{restriction.pk}/{site['case_study'].pk}/",
        {"password": "s3cret", "return_url": site["case_study"].url},
    )
    assert response.status_code == 302
    assert site["case_study"].title in _text(client, site["case_study"].url)  # the page opens
    ids = {item["id"] for item in json.loads(_text(client, "/api/v2/pages/"))["items"]}
    assert site["case_study"].pk not in ids


@pytest.mark.django_db
def test_an_alias_of_a_private_page_is_private(client, translated_home, site):
    """A synchronised-tree alias (French address of an English case study) is as private as
    its source: Wagtail serves it behind the source's restriction."""
    french = Locale.objects.get(language_code="fr")
    case_study = site["case_study"]
    library = case_study.get_parent()
    french_library = library.copy_for_translation(french, alias=True)
    alias = case_study.copy_for_translation(french, alias=True)
    assert alias.alias_of_id == case_study.pk and alias.get_parent().pk == french_library.pk
    assert is_public(alias) and public_pages(Page.objects).filter(pk=alias.pk).exists()

    PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)
    alias.refresh_from_db()
    assert not is_public(alias)
    assert not public_pages(Page.objects).filter(pk__in=[alias.pk, french_library.pk]).exists()
    assert alias.get_view_restrictions().exists()  # Wagtail agrees when it serves the alias
    data = json.loads(_text(client, "/api/practices/?lang=fr"))
    assert case_study.title not in [item["title"] for item in data["results"]]


@pytest.mark.django_db
def test_is_public_costs_one_query_and_follows_ancestors(site, django_assert_num_queries):
    case_study = site["case_study"]
    with django_assert_num_queries(1):
        assert is_public(case_study)
    PageViewRestriction.objects.create(
        page=case_study.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    with django_assert_num_queries(1):
        assert not is_public(case_study)
    case_study.unpublish()
    assert not is_public(Page.objects.get(pk=case_study.pk))


@pytest.mark.django_db
def test_a_listing_built_before_a_restriction_honours_it(site, django_assert_num_queries):
    """The rule is part of the query: building it reads nothing, running it reads the
    restrictions as they are then (a queryset kept in a class or a cache stays right)."""
    with django_assert_num_queries(0):
        listing = public_pages(Page.objects).filter(depth__gt=2)
    PageViewRestriction.objects.create(
        page=site["event"], restriction_type=PageViewRestriction.LOGIN
    )
    titles = set(listing.values_list("title", flat=True))
    assert site["event"].title not in titles and site["case_study"].title in titles
