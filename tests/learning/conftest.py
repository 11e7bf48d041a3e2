"""Fixtures of the knowledge hub: French news index, the hub (news pages: tests/conftest.py)."""

import pytest

from tests.factories import publish
from tests.learning.factories import LearningIndexPageFactory


@pytest.fixture
def fr_news_index(news_index):
    return news_index.get_translation(news_index.locale.__class__.objects.get(language_code="fr"))


@pytest.fixture
def learning_index(translated_home):
    return publish(LearningIndexPageFactory(parent=translated_home, show_in_menus=True))
