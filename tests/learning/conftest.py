"""Fixtures of the knowledge hub: a news index in English and French, articles, the hub."""

import pytest

from hub.localization import translate
from tests.learning.factories import (
    LearningIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)


def publish(page):
    """Publish a factory-made page through a revision, as an editor does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


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
def fr_news_index(news_index):
    return news_index.get_translation(news_index.locale.__class__.objects.get(language_code="fr"))


@pytest.fixture
def article(news_index):
    """An English article with a French translation (French slug)."""
    page = publish(
        NewsPageFactory(
            parent=news_index,
            title="France and Senegal to co-chair the GFMD",
            slug="france-and-senegal",
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


@pytest.fixture
def learning_index(translated_home):
    return publish(LearningIndexPageFactory(parent=translated_home, show_in_menus=True))
