"""An English-only article at another language's address: that language's note, the original."""

from wagtail.models import Locale


def test_english_only_article_in_french_gives_the_editors_french_note(
    client, news_index, english_only_article
):
    fr_index = news_index.get_translation(Locale.objects.get(language_code="fr"))
    fr_index.untranslated_note = "Cet article n'est pas encore traduit en français."
    fr_index.save_revision().publish()

    response = client.get("/fr/news/launch-of-it-takes-a-community/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Cet article n&#x27;est pas encore traduit en français." in html
    # The article itself, marked as English for screen readers and search engines.
    assert '<h1 lang="en" dir="ltr">Launch of It Takes a Community</h1>' in html
    original = "http://localhost/en/news/launch-of-it-takes-a-community/"
    assert f'<link rel="canonical" href="{original}"' in html


def test_note_has_a_default_text_when_the_editor_wrote_none(client, english_only_article):
    response = client.get("/es/news/launch-of-it-takes-a-community/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Esta página aún no está disponible en español; aquí la tiene en inglés." in html


def test_english_slug_of_a_translated_article_leads_to_the_translation(client, article):
    response = client.get("/fr/news/france-and-senegal/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/news/france-et-senegal/"


def test_unknown_article_is_still_a_404(client, news_index):
    assert client.get("/fr/news/no-such-article/").status_code == 404
    assert client.get("/en/news/no-such-article/").status_code == 404


def test_draft_english_article_is_not_revealed(client, news_index, english_only_article):
    english_only_article.unpublish()
    assert client.get("/fr/news/launch-of-it-takes-a-community/").status_code == 404
