"""Acceptance 1: one RSS and one Atom feed per language, each with only its language's items."""

import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"


def _rss(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def test_english_and_french_rss_feeds_hold_only_their_language(
    client, article, english_only_article
):
    english = _rss(client, "/en/news/feed/")
    assert english.findtext("language") == "en"
    assert english.findtext("link") == "http://testserver/en/news/"
    titles = {item.findtext("title") for item in english.findall("item")}
    assert titles == {"France and Senegal to co-chair the GFMD", "Launch of It Takes a Community"}
    links = {item.findtext("link") for item in english.findall("item")}
    assert "http://testserver/en/news/france-and-senegal/" in links

    french = _rss(client, "/fr/news/feed/")
    assert french.findtext("language") == "fr"
    assert french.findtext("title") == "Actualités"
    items = french.findall("item")
    assert [i.findtext("title") for i in items] == ["La France et le Sénégal coprésident le FMMD"]
    assert items[0].findtext("link") == "http://testserver/fr/news/france-et-senegal/"
    assert items[0].findtext("description") == (
        "La France et le Sénégal ont confirmé leur coprésidence."
    )
    assert items[0].findtext("pubDate")  # RFC 822 date from the article's date


def test_atom_feed_per_language(client, article):
    response = client.get("/fr/news/feed/atom/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "La France et le Sénégal coprésident le FMMD"
    ]


def test_feed_is_linked_from_the_news_index(client, article):
    html = client.get("/fr/news/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/fr/news/feed/"' in html


@pytest.mark.parametrize("language", ["es", "ar"])
def test_languages_without_articles_have_empty_valid_feeds(client, article, language):
    channel = _rss(client, f"/{language}/news/feed/")
    assert channel.findall("item") == []
