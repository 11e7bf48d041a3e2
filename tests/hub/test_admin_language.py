"""The admin in the editor's language: an editor reads no English on the main screens.

An editor whose account says "Français" (then "Español", then "العربية") visits the
dashboard, the page explorer, the editor of every page type, the "add page" chooser,
the snippet listings, the site settings, the image library and their account. What a
person reads or hears there (text, button labels, ``aria-label``, ``title``,
``placeholder``) is scanned for English words that must have been translated. Content
(the pages' and snippets' own words, the reference data) is taken out first: it is data,
not interface.
"""

import re
from html.parser import HTMLParser

import pytest

from django.urls import reverse

from wagtail.models import Locale
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from hub.localization import translate
from hub.models import FooterText, NavigationMenu, Partner
from search.models import PracticeLibraryPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import StandardPageFactory, UserFactory
from tests.learning.factories import (
    LearningIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ReportPageFactory,
    ResourcePageFactory,
)
from tests.pledges.factories import CallToActionPageFactory, LocalActionPageFactory

pytestmark = pytest.mark.django_db

# Words that must never reach a French editor: Wagtail's and the site's own labels.
ENGLISH = [
    "Publish",
    "Save draft",
    "Submit",
    "Case study",
    "case study",
    "Themes",
    "Help",
    "True",
    "False",
    "None",
    "Home page",
    "Standard page",
    "Practice library",
    "Call to action",
    "News article",
    "Knowledge hub",
    "Partners",
    "Footer text",
    "Summary",
    "Hero",
    "Body",
    "Speakers",
    "Registration",
    "Time zone",
    "Alternative text",
    "Translation status",
    "Outbox",
    "Site settings",
    "Local government",
    "Endorsements",
    "Submissions",
    "Settings",
    "Edit",
    "Delete",
    "Search",
    "Add child page",
    "Preview",
    "Content",
    "Promote",
    "Choose",
    "Status",
    "Live",
    "Draft",
    "Reports",
    "Account",
    "Show in footer",
    "Where it shows",
    "Shown",
    "The ",
]
VISIBLE_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}
SKIPPED_TAGS = {"script", "style", "template", "svg", "noscript"}


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# Wagtail's own templates hard-code these, untranslated, for screen readers (the
# dashboard's and the listings' search button): not fixable from a catalogue.
UPSTREAM_UNTRANSLATED = {"Search"}


class VisibleText(HTMLParser):
    """The text a person reads or hears on an admin page (hidden elements left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0
        self.open_tags = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            if not self.skipping and dict(attrs).get("type") != "hidden":
                self._attributes(tag, attrs)
            return
        hidden = tag in SKIPPED_TAGS or any(name == "hidden" for name, _value in attrs)
        self.open_tags.append((tag, hidden))
        if hidden:
            self.skipping += 1
        elif not self.skipping:
            self._attributes(tag, attrs)

    def handle_endtag(self, tag):
        if all(open_tag != tag for open_tag, _hidden in self.open_tags):
            return  # a stray end tag
        while self.open_tags:
            open_tag, hidden = self.open_tags.pop()
            if hidden:
                self.skipping -= 1
            if open_tag == tag:
                break

    def _attributes(self, tag, attrs):
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self.parts.append(value)
            submit = tag in ("input", "button") and dict(attrs).get("type") in ("submit", "button")
            if submit and name == "value" and value:
                self.parts.append(value)

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(data.strip())


def content_strings():
    """The words of the pages, snippets and reference data the admin lists: content, not
    interface (the taxonomies' English titles are data in the default language)."""
    from django.apps import apps
    from django.db import models

    strings = set()
    for model in apps.get_models():
        if model._meta.app_label not in {"hub", "pledges", "events", "learning", "search"}:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        for row in model._default_manager.values_list(*fields)[:500] if fields else []:
            strings.update(value for value in row if value)
    return sorted(strings, key=len, reverse=True)


def english_words(html, content=()):
    parser = VisibleText()
    parser.feed(html)
    found = set()
    for text in parser.parts:
        if text in content:
            continue
        for string in content:
            # Longer content inside a label ("Edit 'Guichet d'accueil'"); short
            # words (a slug) could be part of an interface word.
            if len(string) >= 12 and string in text:
                text = text.replace(string, "")
        if text.strip() in UPSTREAM_UNTRANSLATED:
            continue
        for word in ENGLISH:
            pattern = re.escape(word) if word.endswith(" ") else rf"\b{re.escape(word)}\b"
            if re.search(pattern, text):
                found.add(f"{word!r} in {text[:90]!r}")
    return found


@pytest.fixture(params=["fr", "es", "ar"])
def editor_in_language(request, client, db):
    """An editor whose admin speaks French, Spanish or Arabic."""
    user = UserFactory(username="redactrice", is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = request.param
    profile.current_time_zone = "Europe/Paris"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def french_site(home_page):
    """Every page type and the site's snippets, with French content."""
    home_page.title = "Accueil"
    home_page.save_revision().publish()
    pages = {"home": home_page}
    pages["about"] = StandardPageFactory(parent=home_page, title="À propos", slug="a-propos")
    pages["call"] = CallToActionPageFactory(parent=home_page, title="Appel", slug="appel")
    library = PracticeLibraryPage(title="Bibliothèque", slug="pratiques")
    home_page.add_child(instance=library)
    pages["library"] = library
    pages["practice"] = LocalActionPageFactory(parent=library, title="Guichet d'accueil")
    pages["events"] = EventIndexPageFactory(parent=home_page, title="Agenda", slug="agenda")
    pages["event"] = EventPageFactory(parent=pages["events"], title="Atelier", slug="atelier")
    pages["news"] = NewsIndexPageFactory(parent=home_page, title="Actualités", slug="actu")
    pages["article"] = NewsPageFactory(parent=pages["news"], title="Article", slug="article")
    pages["hub"] = LearningIndexPageFactory(parent=home_page, title="Savoirs", slug="savoirs")
    pages["report"] = ReportPageFactory(parent=pages["hub"], title="Rapport", slug="rapport")
    pages["resource"] = ResourcePageFactory(parent=pages["hub"], title="Guide", slug="guide")
    # The French home page, translated with wagtail-localize: its editor is the translation one.
    pages["home in French"] = translate(home_page, "fr", {"Accueil": "Accueil en français"})
    locale = Locale.get_default()
    pages["partner"] = Partner.objects.create(
        name="Organisation partenaire", url="https://ex.org/", locale=locale
    )
    FooterText.objects.create(body="Texte de pied de page", locale=locale)
    NavigationMenu.objects.create(slot=NavigationMenu.MAIN, locale=locale)
    return pages


def _admin_urls(pages):
    urls = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore_root"),
        "home's children": reverse("wagtailadmin_explore", args=[pages["home"].pk]),
        "add page": reverse("wagtailadmin_pages:add_subpage", args=[pages["home"].pk]),
        "snippets": reverse("wagtailsnippets:index"),
        "site settings": reverse("wagtailsettings:edit", args=["hub", "sitesettings"]),
        "images": reverse("wagtailimages:index"),
        "documents": reverse("wagtaildocs:index"),
        "account": reverse("wagtailadmin_account"),
    }
    partner = pages.pop("partner")
    urls["edit a partner"] = reverse(
        partner.snippet_viewset.get_url_name("edit"), args=[partner.pk]
    )
    for name, page in pages.items():
        urls[f"edit {name}"] = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for model in get_snippet_models():
        if model._meta.app_label in {"hub", "pledges", "events", "learning", "search"}:
            urls[f"snippets {model.__name__}"] = reverse(model.snippet_viewset.get_url_name("list"))
    return urls


def test_a_editor_in_language_reads_no_english_on_the_main_admin_screens(
    editor_in_language, french_site
):
    findings = {}
    content = content_strings()
    for name, url in _admin_urls(french_site).items():
        response = editor_in_language.get(url, follow=True)
        assert response.status_code == 200, (name, url)
        words = english_words(response.content.decode(), content)
        if words:
            findings[f"{name} ({url})"] = sorted(words)
    assert findings == {}, "\n".join(
        f"{page}:\n    " + "\n    ".join(words) for page, words in findings.items()
    )
