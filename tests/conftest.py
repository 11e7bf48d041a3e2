"""Fixtures shared by every test folder."""

import pytest

from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (rate limits, memoised settings)."""
    from django.core.cache import cache

    cache.clear()
    yield


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
def admin_user(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
