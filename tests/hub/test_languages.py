"""Four languages: prefixes, redirects, hreflang, right-to-left, switcher."""

from wagtail.models import Locale

from hub.localization import translate
from tests.factories import StandardPageFactory


def test_root_redirects_by_browser_language(client, translated_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Location"] == "/ar/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Location"] == "/en/"


def test_arabic_home_is_rtl(client, translated_home):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "[ar] " in html


def test_home_links_every_translation_with_hreflang(client, translated_home):
    html = client.get("/en/").content.decode()
    for code in ("en", "fr", "es", "ar"):
        assert f'<link rel="alternate" hreflang="{code}" href="http://localhost/{code}/">' in html


def test_switcher_falls_back_to_the_languages_home(client, translated_home):
    StandardPageFactory(parent=translated_home, slug="about", title="About")
    html = client.get("/en/about/").content.decode()
    # No French translation of About: the French link leads to the French home,
    # and no hreflang promises a translation that does not exist.
    assert 'href="/fr/" lang="fr" hreflang="fr"' in html
    assert 'hreflang="fr" href="http://testserver/fr/about/"' not in html


def test_switcher_leads_to_the_pages_translation(client, translated_home):
    about = StandardPageFactory(parent=translated_home, slug="about", title="About")
    french = translate(about, "fr", {"About": "À propos"})
    html = client.get("/en/about/").content.decode()
    assert f'href="{french.url}" lang="fr"' in html
    assert "À propos" in client.get(french.url).content.decode()
    assert french.locale == Locale.objects.get(language_code="fr")


def test_chrome_is_translated(client, translated_home):
    html = client.get("/es/").content.decode()
    assert "Saltar al contenido principal" in html
    html = client.get("/ar/").content.decode()
    assert "تخطي إلى المحتوى الرئيسي" in html
