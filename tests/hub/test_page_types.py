"""The page types the admin offers under each page ("Add child page") follow the site's structure.

The intended structure, written out once here:

    Root
    └── Home page (one per language)
        ├── Standard page (About, Privacy notice …) ── Standard page …
        ├── Call to action page ── Standard page, Live report
        ├── Practice library ── Local action (case study)
        ├── Events index ── Event
        ├── News index ── News article
        ├── Knowledge hub ── Report, Resource
        └── Open data page

A section that exists once per language (the campaign page, the library, the
events and news indexes, the knowledge hub, the open-data page) is offered
only until it exists. The test reads the choices from the admin's own "add
child page" view, as an editor sees them.
"""

import re

import pytest

from django.apps import apps
from django.urls import reverse

from wagtail.models import Page

from search.models import PracticeLibraryPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import StandardPageFactory
from tests.learning.factories import (
    LearningIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ReportPageFactory,
    ResourcePageFactory,
)
from tests.pledges.factories import CallToActionPageFactory, LocalActionPageFactory

pytestmark = pytest.mark.django_db

# Page types that other parts of the site add; each is expected wherever it exists.
LIVE_REPORT = "learning.livereportpage"
OPEN_DATA = "pledges.opendatapage"


def _exists(label):
    app_label, model_name = label.split(".")
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


def offered(client, page):
    """The page types (``app.model``) "Add child page" offers under ``page``."""
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[page.pk]))
    if response.status_code == 302:
        # A single choice: the admin goes straight to that type's form.
        match = re.search(r"/admin/pages/add/(\w+)/(\w+)/", response["Location"])
        # Nothing can be added: the admin hides "Add child page" and refuses the view.
        return {f"{match[1]}.{match[2]}"} if match else set()
    assert response.status_code == 200
    links = re.findall(r"/admin/pages/add/(\w+)/(\w+)/\d+/", response.content.decode())
    return {f"{app_label}.{model_name}" for app_label, model_name in links}


@pytest.fixture
def site_tree(home_page):
    """Every page type once, where the site puts it."""
    tree = {"root": Page.get_first_root_node(), "home": home_page}
    tree["about"] = StandardPageFactory(parent=home_page, slug="about")
    tree["team"] = StandardPageFactory(parent=tree["about"], slug="team")
    tree["call"] = CallToActionPageFactory(parent=home_page)
    library = PracticeLibraryPage(title="Practice library", slug="practices")
    home_page.add_child(instance=library)
    tree["library"] = library
    tree["practice"] = LocalActionPageFactory(parent=library)
    tree["events"] = EventIndexPageFactory(parent=home_page)
    tree["event"] = EventPageFactory(parent=tree["events"])
    tree["news"] = NewsIndexPageFactory(parent=home_page)
    tree["article"] = NewsPageFactory(parent=tree["news"])
    tree["hub"] = LearningIndexPageFactory(parent=home_page)
    tree["report"] = ReportPageFactory(parent=tree["hub"])
    tree["resource"] = ResourcePageFactory(parent=tree["hub"])
    if _exists(OPEN_DATA):
        model = apps.get_model(OPEN_DATA)
        tree["open_data"] = home_page.add_child(instance=model(title="Open data", slug="open-data"))
    return tree


def test_a_new_home_page_offers_every_section_once(admin_client, home_page):
    expected = {
        "hub.standardpage",
        "pledges.calltoactionpage",
        "search.practicelibrarypage",
        "events.eventindexpage",
        "learning.newsindexpage",
        "learning.learningindexpage",
    }
    if _exists(OPEN_DATA):
        expected.add(OPEN_DATA)
    assert offered(admin_client, home_page) == expected


def test_every_page_type_offers_what_the_structure_allows(admin_client, site_tree):
    call_children = {"hub.standardpage"} | ({LIVE_REPORT} if _exists(LIVE_REPORT) else set())
    expected = {
        # The home page exists (one per language): translate it, never add another.
        "root": set(),
        # Sections that exist once are no longer offered; standard pages always are.
        "home": {"hub.standardpage"},
        "about": {"hub.standardpage"},
        "team": {"hub.standardpage"},
        "call": call_children,
        "library": {"pledges.localactionpage"},
        "practice": set(),
        "events": {"events.eventpage"},
        "event": set(),
        "news": {"learning.newspage"},
        "article": set(),
        "hub": {"learning.reportpage", "learning.resourcepage"},
        "report": set(),
        "resource": set(),
    }
    if "open_data" in site_tree:
        expected["open_data"] = set()
    found = {name: offered(admin_client, page) for name, page in site_tree.items()}
    assert found == expected


def test_nothing_but_a_home_page_at_the_root(admin_client, db):
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    assert offered(admin_client, root) == {"hub.homepage"}


def test_a_home_page_is_never_offered_under_a_page(site_tree):
    from hub.models import HomePage

    for name, page in site_tree.items():
        if name != "root":
            assert not HomePage.can_create_at(page), name


def test_every_page_type_explains_itself_in_the_editors_language():
    from django.utils import translation

    from wagtail.models import get_page_models

    for model in get_page_models():
        if model is Page:
            continue
        assert model.get_page_description(), model
        with translation.override("en"):
            english = model.get_page_description()
        for language in ("fr", "es", "ar"):
            with translation.override(language):
                assert model.get_page_description() != english, (model, language)
