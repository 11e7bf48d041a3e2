"""No page 404s for want of a translation.

A page with no translation in the visitor's language answers at that
language's address with its original content, inside the visitor's chrome,
marked with its own ``lang``/``dir`` and a note in the visitor's language.
"""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Locale

from events.models import EventRegistration
from hub.localization import translate
from hub.models import StandardPage
from search.models import PracticeLibraryPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import StandardPageFactory, publish
from tests.learning.factories import (
    LearningIndexPageFactory,
    ReportPageFactory,
    ResourcePageFactory,
)
from tests.pledges.factories import LocalActionPageFactory, LocalGovernmentFactory

NOTES = {
    "fr": "Cette page n’est pas encore disponible en français\u00a0; la voici en anglais.",
    "es": "Esta página aún no está disponible en español; aquí la tiene en inglés.",
    "ar": "هذه الصفحة غير متوفرة بعد باللغة العربية؛ إليك نسختها باللغة الإنجليزية.",
}
OTHER_LANGUAGES = list(NOTES)


@pytest.fixture
def english_only_pages(translated_home, english_only_article):
    """One English-only page of each type, under sections that exist only in English.

    The news article sits under a news index translated into every language:
    both cases (a missing section, a missing page) are covered.
    """
    library = PracticeLibraryPage(title="Practice library", slug="practices")
    translated_home.add_child(instance=library)
    publish(library)
    learning = publish(LearningIndexPageFactory(parent=translated_home))
    events = publish(EventIndexPageFactory(parent=translated_home))
    return {
        "standard page": publish(
            StandardPageFactory(parent=translated_home, title="About the hub", slug="about")
        ),
        "case study": publish(
            LocalActionPageFactory(
                parent=library, title="A welcome desk for newcomers", slug="welcome-desk"
            )
        ),
        "report": publish(
            ReportPageFactory(parent=learning, title="Localizing the Global Compacts")
        ),
        "resource": publish(ResourcePageFactory(parent=learning, title="A toolkit for cities")),
        "event": publish(
            EventPageFactory(parent=events, title="Access to services", slug="access")
        ),
        "news": english_only_article,
    }


def at(page, language):
    """The page's address in another language: its English address, prefix changed."""
    return f"/{language}/" + page.url.removeprefix("/en/")


def heading(html):
    return BeautifulSoup(html, "html.parser").find("main").find("h1")


def original_language_of(element):
    """The (lang, dir) that applies to an element: its own or its nearest ancestor's."""
    marked = element if element.has_attr("lang") else element.find_parent(attrs={"lang": True})
    return marked["lang"], marked.get("dir")


PAGE_TYPES = ["standard page", "case study", "report", "resource", "event", "news"]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_english_only_page_answers_in_every_language(
    client, english_only_pages, page_type, language
):
    page = english_only_pages[page_type]

    response = client.get(at(page, language))

    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    # The visitor's chrome: the document is in their language and direction.
    assert soup.html["lang"] == language
    assert soup.html["dir"] == ("rtl" if language == "ar" else "ltr")
    # The note, in the visitor's language, outside the original's content.
    note = soup.find(class_="fallback-note")
    assert note.get_text(strip=True) == NOTES[language]
    assert note.find_parent(attrs={"lang": True}).name == "html"
    # The original's content, marked as English written left to right.
    title = heading(html)
    assert title.get_text(strip=True) == page.title
    assert original_language_of(title) == ("en", "ltr")
    if page.summary:
        lead = soup.find("main").find(class_="lead")
        assert original_language_of(lead) == ("en", "ltr")


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_the_english_page_itself_has_no_note(client, english_only_pages, page_type):
    html = client.get(english_only_pages[page_type].url).content.decode()
    assert "fallback-note" not in html
    assert not heading(html).has_attr("lang")
    assert heading(html).find_parent(attrs={"lang": True}).name == "html"


def test_links_of_a_page_shown_in_french_stay_in_french(client, english_only_pages):
    html = client.get("/fr/events/access/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("form", class_="registration-form")["action"] == "/fr/events/access/register/"
    assert soup.find("a", href="/fr/events/access/event.ics") is not None


def test_registration_works_from_french_on_an_english_only_event(client, english_only_pages):
    event = english_only_pages["event"]
    data = {
        "name": "Amina Benali",
        "email": "amina.benali@example.org",
        "organisation": "Ville de Marrakech",
        "role": "Chargée de migration",
        "country": "MA",
        "consent": "on",
        "website": "",
    }

    response = client.post("/fr/events/access/register/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/fr/events/access/"  # "check your inbox", in French
    registration = EventRegistration.objects.get(email="amina.benali@example.org")
    assert registration.event_id == event.pk  # the seats of the one event
    assert registration.language == "fr"
    # The emailed link confirms the address, at the French address too.
    confirmed = client.post(f"/fr/events/access/registration/{registration.token}/confirm/")
    assert confirmed["Location"] == f"/fr/events/access/registration/{registration.token}/"
    page = client.get(confirmed["Location"])
    assert page.status_code == 200
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    assert soup.html["lang"] == "fr"
    assert "Annuler mon inscription" in soup.get_text()  # the registrant's page, in French


def test_calendar_file_of_an_english_only_event_from_arabic(client, english_only_pages):
    response = client.get("/ar/events/access/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Access to services" in response.content.decode()


@pytest.mark.parametrize("language", ["en", *OTHER_LANGUAGES])
def test_local_government_profile_answers_in_every_language(client, db, language):
    government = LocalGovernmentFactory(name="Municipality of Mechelen", slug="mechelen")

    response = client.get(f"/{language}/local-governments/{government.slug}/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.html["lang"] == language
    assert "Municipality of Mechelen" in soup.find("main").get_text()


def test_a_translation_is_shown_when_there_is_one(client, english_only_pages):
    page = english_only_pages["standard page"]
    translate(page, "fr", {"About the hub": "À propos du hub"})

    html = client.get("/fr/about/").content.decode()

    assert heading(html).get_text(strip=True) == "À propos du hub"
    assert "fallback-note" not in html


def test_another_languages_slug_of_a_translated_page_leads_to_the_translation(
    client, english_only_pages
):
    page = english_only_pages["standard page"]
    french = translate(page, "fr", {"about": "a-propos"})
    assert french.url == "/fr/a-propos/"

    response = client.get("/fr/about/")

    assert response.status_code == 302
    assert response["Location"] == "/fr/a-propos/"


def test_a_french_original_answers_in_english_and_arabic(client, translated_home):
    french_home = translated_home.get_translation(Locale.objects.get(language_code="fr"))
    page = StandardPage(title="Accueillir à Montréal", slug="accueillir", summary="Un guide.")
    french_home.add_child(instance=page)
    publish(page)

    english = client.get("/en/accueillir/")
    arabic = client.get("/ar/accueillir/")

    assert english.status_code == 200 and arabic.status_code == 200
    soup = BeautifulSoup(english.content.decode(), "html.parser")
    assert soup.find(class_="fallback-note").get_text(strip=True) == (
        "This page is not yet available in English; here it is in French."
    )
    assert original_language_of(heading(english.content.decode())) == ("fr", "ltr")
    assert original_language_of(heading(arabic.content.decode())) == ("fr", "ltr")


def test_an_arabic_original_is_marked_right_to_left_in_french(client, translated_home):
    arabic_home = translated_home.get_translation(Locale.objects.get(language_code="ar"))
    page = StandardPage(title="الإدماج المحلي", slug="local-inclusion")
    arabic_home.add_child(instance=page)
    publish(page)

    html = client.get("/fr/local-inclusion/").content.decode()

    assert original_language_of(heading(html)) == ("ar", "rtl")
    assert BeautifulSoup(html, "html.parser").html["dir"] == "ltr"


def test_unknown_and_draft_pages_are_still_404(client, english_only_pages):
    english_only_pages["standard page"].unpublish()
    assert client.get("/fr/about/").status_code == 404
    assert client.get("/fr/no-such-page/").status_code == 404
    assert client.get("/fr/events/no-such-event/").status_code == 404
    assert client.get("/fr/news/no-such-article/").status_code == 404


def test_editors_note_of_the_news_index_replaces_the_default(
    client, news_index, english_only_article
):
    fr_index = news_index.get_translation(Locale.objects.get(language_code="fr")).specific
    fr_index.untranslated_note = "Cet article n'est pas encore traduit en français."
    fr_index.save_revision().publish()

    html = client.get(at(english_only_article, "fr")).content.decode()

    note = BeautifulSoup(html, "html.parser").find(class_="fallback-note")
    assert note.get_text(strip=True) == "Cet article n'est pas encore traduit en français."


def test_a_page_shown_in_french_runs_the_same_queries_whatever_the_content(
    client, english_only_pages, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    library = english_only_pages["case study"].get_parent()

    def add_pages(count, start):
        for i in range(start, start + count):
            LocalActionPageFactory(parent=library, slug=f"another-action-{i}")
            StandardPageFactory(parent=english_only_pages["standard page"], slug=f"child-{i}")

    add_pages(3, start=0)
    client.get("/fr/practices/welcome-desk/")  # warm what persists across requests
    with CaptureQueriesContext(connection) as few:
        assert client.get("/fr/practices/welcome-desk/").status_code == 200
    add_pages(30, start=3)
    client.get("/fr/practices/welcome-desk/")  # the new content generation's caches filled
    with django_assert_num_queries(len(few)):
        assert client.get("/fr/practices/welcome-desk/").status_code == 200
