"""Fixtures shared by every test folder."""

import datetime

import pytest

from wagtail.models import Locale, Page, Site

from hub.localization import translate
from tests.factories import HomePageFactory, UserFactory, publish
from tests.learning.factories import NewsIndexPageFactory, NewsPageFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (rate limits, memoised settings)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever a request before it left."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    """An English home page at the root of the default site (Wagtail's placeholder removed)."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, slug="home", locale=Locale.get_default())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def translated_home(home_page):
    """The home page translated into French, Spanish and Arabic with wagtail-localize."""
    from hub.localization import translate

    for code in ("fr", "es", "ar"):
        translate(home_page, code, {home_page.hero_title: f"[{code}] {home_page.hero_title}"})
    return home_page


@pytest.fixture
def smtp_down(settings):
    """The site's mail server refuses connections (a closed port on 127.0.0.1)."""
    from tests.mailserver import take_smtp_down

    return take_smtp_down(settings)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


# News pages in several languages: the knowledge hub's tests and the site-wide
# translation status report build on them.
@pytest.fixture
def news_index(translated_home):
    """The English news index, translated into French, Spanish and Arabic."""
    index = publish(NewsIndexPageFactory(parent=translated_home, show_in_menus=True))
    translate(
        index,
        "fr",
        {"News": "Actualités", "News from the Call to Local Action.": "Les actualités."},
    )
    translate(index, "es", {"News": "Noticias"})
    translate(index, "ar", {"News": "الأخبار"})
    return index


@pytest.fixture
def article(news_index):
    """An English article with a French translation (French slug)."""
    page = publish(
        NewsPageFactory(
            parent=news_index,
            title="France and Senegal to co-chair the GFMD",
            slug="france-and-senegal",
            date=datetime.date(2022, 6, 20),
            summary="France and Senegal confirmed their co-chairmanship.",
        )
    )
    translate(
        page,
        "fr",
        {
            "France and Senegal to co-chair the GFMD": (
                "La France et le Sénégal coprésident le FMMD"
            ),
            "france-and-senegal": "france-et-senegal",
            "France and Senegal confirmed their co-chairmanship.": (
                "La France et le Sénégal ont confirmé leur coprésidence."
            ),
            "Cities act for migrants and refugees.": "Les villes agissent pour les migrants.",
        },
    )
    return page


@pytest.fixture
def english_only_article(news_index):
    return publish(
        NewsPageFactory(
            parent=news_index,
            title="Launch of It Takes a Community",
            slug="launch-of-it-takes-a-community",
        )
    )
